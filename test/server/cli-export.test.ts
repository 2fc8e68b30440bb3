import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningTurnout } from '../../electron/server/app';
import { makeTempDir } from '../support/temp-dir';
import { runCliInProcess } from '../support/cli-in-process';
import { startTurnoutIn } from '../support/turnout-fixture';

const TOKEN = 'cli-export-token';

describe('turnout export: the active profile as another engine sees it', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let turnout: RunningTurnout;
  const cli = (...args: string[]) => runCliInProcess(args, turnout.adminUrl, TOKEN);

  beforeAll(async () => {
    temp = makeTempDir();
    turnout = await startTurnoutIn(temp.dir, TOKEN, ['blue=http://127.0.0.1:3001', 'green=http://127.0.0.1:3002'], '70:30');
  });

  afterAll(async () => {
    await turnout?.stop();
    temp?.cleanup();
  });

  it('prints each format to stdout with the current ratio', async () => {
    expect((await cli('export', 'nginx')).out).toContain('server 127.0.0.1:3001 weight=70');
    expect((await cli('export', 'haproxy')).out).toContain('server green 127.0.0.1:3002 weight 30');
    expect((await cli('export', 'traefik')).out).toMatch(/weight: 70/);
    expect((await cli('export', 'gateway-api')).out).toMatch(/kind: HTTPRoute[\s\S]*- name: blue\n\s+port: 3001\n\s+weight: 70/);
  });

  it('writes --out FILE, and --json gives format, text and filename', async () => {
    const file = path.join(temp.dir, 'route.yaml');
    const written = await cli('export', 'gateway-api', '--out', file);
    expect(written).toMatchObject({ code: 0, out: `Wrote gateway-api configuration to ${file}.` });
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^# Turnout profile/);
    const json = JSON.parse((await cli('export', 'haproxy', '--json')).out) as { format: string; filename: string; text: string };
    expect(json.format).toBe('haproxy');
    expect(json.filename).toMatch(/^turnout-.*\.haproxy\.cfg$/);
  });

  it('refuses an unknown format as a usage error', async () => {
    const result = await cli('export', 'envoy');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/export format must be one of nginx, haproxy, traefik, gateway-api/);
  });
});
