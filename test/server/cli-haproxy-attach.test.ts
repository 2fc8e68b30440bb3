import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileDetail } from '../../shared/contract/methods';
import { Store } from '../../electron/core/store/store';
import { serversState, startAttachedSetup, type AttachedHaproxy, type AttachedSetup } from '../support/attached-haproxy';
import { servedBy, tally, type Backend } from '../support/backends';
import { hasHaproxy } from '../support/external-tools';
import { makeTempDir } from '../support/temp-dir';
import { cliAgainst, runCli, startServe, type ServeProcess } from '../support/turnout-process';

const TOKEN = 'cli-attach-token';

/**
 * `--haproxy-socket/--haproxy-backend/--haproxy-server` through the built CLI (bin/turnout.js
 * runs out/cli), against a real HAProxy whose config the test wrote, not Turnout.
 */
describe.skipIf(!hasHaproxy)('turnout serve / profile create with --data-plane haproxy-attach (haproxy not installed: apt-get install haproxy)', () => {
  const temp = makeTempDir('turnout-cli-attach-');
  let blue: Backend;
  let green: Backend;
  let haproxy: AttachedHaproxy;
  const weights = async () => Object.fromEntries(Object.entries(await serversState(haproxy.admin, 'web')).map(([server, row]) => [server, row.weight]));
  const backends = () => ['--backend', `blue=${blue.url}`, '--backend', `green=${green.url}`];
  const attach = (socket: string, backend = 'web') => ['--data-plane', 'haproxy-attach', '--haproxy-socket', socket, '--haproxy-backend', backend, '--haproxy-server', 'blue=app-1', '--haproxy-server', 'green=app-2'];
  const serveArgs = (db: string) => ['serve', '--db', path.join(temp.dir, db), '--admin', '127.0.0.1:0', '--listen', new URL(haproxy.url).host, ...backends()];

  let setup: AttachedSetup | undefined;

  beforeAll(async () => {
    setup = await startAttachedSetup(temp.dir);
    ({ blue, green, haproxy } = setup);
  });

  afterAll(async () => {
    await setup?.stop();
    temp.cleanup();
  });

  it('serve refuses with one line and its exit code, storing nothing and leaving HAProxy as it was', async () => {
    const before = await weights();
    const cases: [string[], number, string][] = [
      [attach('nowhere'), 2, 'turnout: --haproxy-socket: socket must be a unix socket path (/…) or host:port (see --help)'],
      [['--data-plane', 'haproxy-attach', '--haproxy-socket', haproxy.admin, '--haproxy-server', 'blue=app-1'], 2, 'turnout: --data-plane haproxy-attach needs --haproxy-backend (see --help)'],
      [[...attach(haproxy.admin), '--haproxy-server', 'green'], 2, 'turnout: --haproxy-server takes ENV=SERVER, got "green" (see --help)'],
      [['--data-plane', 'nginx', '--haproxy-socket', haproxy.admin], 2, 'turnout: --haproxy-socket, --haproxy-backend and --haproxy-server apply only to --data-plane haproxy-attach, not nginx (see --help)'],
      [attach(haproxy.admin, 'nope'), 1, `turnout: HAProxy at ${haproxy.admin} has no backend "nope"`],
      [attach(haproxy.operator), 1, `turnout: the HAProxy runtime API at ${haproxy.operator} is at level "operator": setting weights needs "stats socket … level admin"`],
      [attach('127.0.0.1:1'), 1, 'turnout: cannot reach the HAProxy runtime API at 127.0.0.1:1: ECONNREFUSED'],
    ];
    for (const [index, [flags, code, line]] of cases.entries()) {
      const db = `refused-${index}.db`;
      const result = await runCli([...serveArgs(db), ...flags], { TURNOUT_TOKEN: TOKEN });
      expect([result.code, result.stderr, result.stdout]).toEqual([code, `${line}\n`, '']);
      const store = Store.open(path.join(temp.dir, db));
      try {
        expect(store.profiles.active()).toBeUndefined();
      } finally {
        store.close();
      }
    }
    expect(await weights()).toEqual(before);
  }, 60_000);

  describe('a running serve steering it', () => {
    let serve: ServeProcess;
    const { cli, ok } = cliAgainst(() => serve.adminUrl, TOKEN);

    beforeAll(async () => {
      serve = await startServe([...serveArgs('turnout.db').slice(1), '--ratio', '80:20', ...attach(haproxy.admin)], { TURNOUT_TOKEN: TOKEN });
    }, 30_000);

    afterAll(async () => {
      await serve?.stop();
    });

    it('serve sets the ratio on HAProxy and shows the engine; ratio and status go through the CLI', async () => {
      expect(await ok('profile', 'show')).toContain(`runtime API ${haproxy.admin} · backend web · blue=app-1 green=app-2`);
      expect(serve.proxyUrl).toBe(haproxy.url);
      expect(await weights()).toEqual({ 'app-1': 80, 'app-2': 20 });
      await ok('ratio', '0:100');
      expect(await weights()).toEqual({ 'app-1': 0, 'app-2': 100 });
      expect(tally(await servedBy(haproxy.url, 10))).toEqual({ green: 10 });
      const status = JSON.parse(await ok('status', '--json')) as { profile: { dataPlane: { kind: string; problem: string | null } } };
      expect(status.profile.dataPlane).toMatchObject({ kind: 'haproxy-attach', problem: null });
      await ok('ratio', '50:50');
    });

    it('profile create stores the attach settings (--json), and a bad flag is a usage error that stores nothing', async () => {
      const created = await cli('profile', 'create', 'Operator', ...backends(), '--listen', '127.0.0.1:18961', ...attach(haproxy.operator), '--json');
      expect([created.code, created.stderr]).toEqual([0, '']);
      expect((JSON.parse(created.stdout) as ProfileDetail).profile.dataPlane).toEqual({ kind: 'haproxy-attach', socket: haproxy.operator, backend: 'web', servers: { blue: 'app-1', green: 'app-2' } });
      const missing = await cli('profile', 'create', 'Missing', ...backends(), '--listen', '127.0.0.1:18962', ...attach(haproxy.admin, 'nope'), '--json');
      expect(missing.code).toBe(0);

      for (const [flags, line] of [
        [attach('host-without-port'), '--haproxy-socket: socket must be a unix socket path (/…) or host:port'],
        [['--data-plane', 'haproxy-attach', '--haproxy-socket', haproxy.admin, '--haproxy-backend', 'web'], '--haproxy-server: name at least one server (ENV=SERVER)'],
        [[...attach(haproxy.admin), '--haproxy-backend', 'web;disable server web/app-1'], '--haproxy-backend: backend may use only letters, digits and . _ : -'],
      ] as const) {
        const refused = await cli('profile', 'create', 'Nope', ...backends(), ...flags, '--json');
        expect([refused.code, refused.stdout, refused.stderr]).toEqual([2, '', `turnout: ${line} (see --help)\n`]);
      }
      expect(await ok('profile', 'list')).not.toContain('Nope');
    });

    it('profile use refuses an operator-level socket and a missing backend with one line (exit 1); the active profile and HAProxy stay', async () => {
      const before = await weights();
      const operator = await cli('profile', 'use', 'Operator', '--json');
      expect([operator.code, operator.stdout]).toEqual([1, '']);
      expect(operator.stderr).toBe(`turnout: the HAProxy runtime API at ${haproxy.operator} is at level "operator": setting weights needs "stats socket … level admin"\n`);
      const missing = await cli('profile', 'use', 'Missing');
      expect([missing.code, missing.stderr]).toEqual([1, `turnout: HAProxy at ${haproxy.admin} has no backend "nope"\n`]);
      const status = JSON.parse(await ok('status', '--json')) as { profile: { name: string } };
      expect(status.profile.name).not.toMatch(/^(Operator|Missing)$/);
      expect(await weights()).toEqual(before);
    });
  });
});
