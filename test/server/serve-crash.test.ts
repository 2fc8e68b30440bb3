import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../electron/core/store/store';
import { bulkyProfile } from '../support/bulky-profile';
import { makeTempDir } from '../support/temp-dir';
import { startServe } from '../support/turnout-process';

const TOKEN = 'crash-token';
const WRITES = 200;
const names = ['a', 'b', 'c', 'd', 'e', 'f'];


describe('kill -9 of turnout serve during 200 profile writes through the admin API', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    temp = makeTempDir();
  });
  afterAll(() => temp.cleanup());

  it('leaves a database that opens and holds only whole profiles, every acknowledged one included', async () => {
    const db = path.join(temp.dir, 'turnout.db');
    const serve = await startServe(['--db', db, '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0', '--backend', 'blue=http://127.0.0.1:1', '--backend', 'green=http://127.0.0.1:2'], { TURNOUT_TOKEN: TOKEN });
    const acknowledged: number[] = [];
    let killed = false;
    // Several writers at once, so the kill lands while writes are in flight.
    const writer = async (first: number): Promise<void> => {
      for (let i = first; i < WRITES && !killed; i += 4) {
        try {
          const response = await fetch(`${serve.adminUrl}/api/v1/createProfile`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
            body: JSON.stringify({ profile: bulkyProfile(i, names) }),
          });
          if (response.status === 200) acknowledged.push(i);
          if (acknowledged.length >= WRITES / 3 && !killed) {
            killed = true;
            serve.child.kill('SIGKILL');
          }
        } catch {
          return; // the server is gone
        }
      }
    };
    await Promise.all([0, 1, 2, 3].map(writer));
    await new Promise((resolve) => (serve.child.exitCode !== null || serve.child.signalCode !== null ? resolve(null) : serve.child.once('exit', resolve)));
    expect(serve.child.signalCode).toBe('SIGKILL');

    const store = Store.open(db);
    try {
      // list() validates every stored profile with the schema: a torn write would throw or miss rows.
      const stored = store.profiles.list().map((entry) => entry.profile);
      const byName = new Map(stored.map((p) => [p.name, p]));
      for (const i of acknowledged) expect(byName.has(`p${i}`), `acknowledged p${i}`).toBe(true);
      for (const p of stored.filter((entry) => entry.name.startsWith('p'))) {
        expect(p.environments).toHaveLength(names.length);
        expect(p.presets).toHaveLength(names.length);
      }
      expect(stored.length).toBeLessThan(WRITES + 1);
    } finally {
      store.close();
    }
  });
});
