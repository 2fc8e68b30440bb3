import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodArgs, MethodName } from '../../shared/contract/methods';
import { eventually } from '../support/data-plane';
import { MANAGED_APP as APP, startManagedControl, type ManagedControl } from '../support/managed-control';
import { startSteadyLoad } from '../support/steady-load';

/**
 * The guided update's "update" step runs a managed environment's recipe while it is drained,
 * then restarts it on the same port and waits for its health check. The recipe stands in for
 * `git pull && npm ci`: it writes the new version where the app reads it at start, or fails
 * (exit 4) while a `fail` file exists.
 */
describe('update recipes of managed environments in the guided update', () => {
  let running: ManagedControl;
  let ports: Record<string, number>;
  const call = <M extends MethodName>(method: M, input: MethodArgs<M>) => running.call(method, input);
  const app = async (name: string) => (await (await fetch(`http://127.0.0.1:${ports[name]}/`)).json()) as { version: string; pid: number };
  const weights = async () => Object.fromEntries((await call('getState', {})).environments.map((env) => [env.name, env.weight]));
  const finished = async () => (await call('getUpdate', {}))?.status !== 'running';

  beforeAll(async () => {
    running = await startManagedControl({
      name: 'Own app',
      runs: (_name, _port, dir) => ({
        run: {
          command: `node ${APP}`,
          env: { VERSION_FILE: path.join(dir, `{name}-version`) },
          update: `echo "pulling {name}"; if [ -e ${path.join(dir, 'fail')} ]; then echo "npm ci failed" >&2; exit 4; fi; echo v2 > "$VERSION_FILE"`,
          confirmed: true,
        },
      }),
    });
    ({ ports } = running);
  });

  afterAll(() => running?.stop());

  it('runs each recipe while drained, restarts the app on the same port, and finishes with no failed request', async () => {
    const before = { blue: await app('blue'), green: await app('green') };
    expect([before.blue.version, before.green.version]).toEqual(['v1', 'v1']);
    const proxy = (await call('getState', {})).proxy.url;
    const load = startSteadyLoad(`${proxy}/`, 4, 90_000);
    await call('updateStart', { first: 'blue', verifyTimeoutMs: 30_000 });
    expect(await eventually(finished, 60_000, 100)).toBe(true);
    const tally = await load.stop();
    const flow = (await call('getUpdate', {}))!;
    expect([flow.status, flow.reason]).toEqual(['done', null]);
    const after = { blue: await app('blue'), green: await app('green') };
    expect([after.blue.version, after.green.version]).toEqual(['v2', 'v2']);
    expect([after.blue.pid === before.blue.pid, after.green.pid === before.green.pid]).toEqual([false, false]);
    expect(tally.failures).toEqual([]);
    expect(await weights()).toEqual({ blue: 50, green: 50 });
    // The recipe's output is in the environment's logs, and in the flow's command view.
    const lines = (await call('environmentLogs', { environment: 'green', limit: 1000 })).lines.map((line) => line.text);
    expect(lines.filter((text) => /^(update: |pulling )/.test(text))).toEqual([expect.stringMatching(/^update: running echo "pulling green"/), 'pulling green', 'update: done, restarting on the same port']);
    expect(flow.command?.output).toEqual(expect.arrayContaining(['pulling green', '[turnout] update: done, restarting on the same port']));
  });

  it('a failing recipe fails the step, goes back to the safe ratio and leaves the running app as it was', async () => {
    fs.writeFileSync(path.join(running.temp.dir, 'fail'), '');
    const before = await app('blue');
    await call('updateStart', { first: 'blue', verifyTimeoutMs: 30_000 });
    expect(await eventually(finished, 30_000, 100)).toBe(true);
    const flow = (await call('getUpdate', {}))!;
    expect([flow.status, flow.reason]).toEqual(['failed', 'the update command for blue exited with 4']);
    expect(flow.command?.output).toEqual(expect.arrayContaining(['pulling blue', 'npm ci failed']));
    // Blue was drained for its update: the safe ratio keeps it at 0 until someone looks.
    expect(await weights()).toEqual({ blue: 0, green: 100 });
    expect(await app('blue')).toEqual(before);
    const said = (await call('environmentLogs', { environment: 'blue', limit: 1000 })).lines.map((line) => line.text);
    expect(said).toContain('update: exited with 4; the running process is left as it was');
  });
});
