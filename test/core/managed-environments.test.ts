import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlService } from '../../electron/core/control';
import type { ManagedView } from '../../shared/contract/managed';
import type { MethodArgs, MethodName } from '../../shared/contract/methods';
import { eventually } from '../support/data-plane';
import { MANAGED_APP as APP, startManagedControl, type ManagedControl } from '../support/managed-control';
import { startSteadyLoad } from '../support/steady-load';

/**
 * Managed environments through the control service: Turnout starts a real Express app from
 * its command, keeps its output, restarts it after `kill -9` with a doubling backoff, and
 * the proxy sends every idempotent request meanwhile to the other environment.
 */
describe('managed environments: run, crash, restart', () => {
  let running: ManagedControl;
  let bluePort: number;
  let greenPort: number;
  let control: ControlService;
  const call = <M extends MethodName>(method: M, input: MethodArgs<M>) => running.call(method, input);
  const managed = (name: string): Promise<ManagedView> => running.managed(name);
  const health = async (name: string) => (await call('getState', {})).environments.find((env) => env.name === name)!.health;
  const appPid = async (port: number): Promise<number> => ((await (await fetch(`http://127.0.0.1:${port}/pid`)).json()) as { pid: number }).pid;

  beforeAll(async () => {
    running = await startManagedControl({
      name: 'Own app',
      runs: () => ({ run: { command: `node ${APP}`, env: { APP_NAME: '{name}-on-{port}' }, confirmed: true } }),
    });
    ({ control } = running);
    ({ blue: bluePort, green: greenPort } = running.ports);
  });

  afterAll(() => running?.stop());

  it('starts both apps from their commands and waits for their health checks before listening', async () => {
    const views = (await call('getState', {})).managed!;
    expect(views.map((view) => [view.name, view.state, view.command])).toEqual([
      ['blue', 'running', `node ${APP}`],
      ['green', 'running', `node ${APP}`],
    ]);
    const logs = await call('environmentLogs', { environment: 'blue' });
    expect(logs.lines.map((line) => line.text)).toContain(`blue-on-${bluePort} v1 listening on ${bluePort} (pid ${await appPid(bluePort)})`);
    // Placeholders filled in, PORT set from the URL: the app answers where the profile says.
    const answer = (await (await fetch(`http://127.0.0.1:${greenPort}/`)).json()) as { name: string };
    expect(answer.name).toBe(`green-on-${greenPort}`);
  });

  it('restarts an app killed with SIGKILL, with no failed request through the proxy, and backs off on a second crash', async () => {
    const proxy = (await call('getState', {})).proxy.url;
    expect(await eventually(async () => (await health('blue')) === 'up' && (await health('green')) === 'up', 10_000)).toBe(true);
    const load = startSteadyLoad(`${proxy}/`, 4, 60_000);
    const firstPid = await appPid(bluePort);
    process.kill(firstPid, 'SIGKILL');
    expect(await eventually(async () => (await managed('blue')).crashes === 1, 10_000)).toBe(true);
    expect(await eventually(async () => (await managed('blue')).state === 'running', 15_000)).toBe(true);
    const secondPid = await appPid(bluePort);
    expect(secondPid).not.toBe(firstPid);
    // Back in rotation once the data plane's own probes say up again.
    expect(await eventually(async () => (await health('blue')) === 'up', 10_000)).toBe(true);

    process.kill(secondPid, 'SIGKILL');
    expect(await eventually(async () => (await managed('blue')).crashes === 2, 10_000)).toBe(true);
    expect(await eventually(async () => (await managed('blue')).state === 'running', 15_000)).toBe(true);
    expect(await eventually(async () => (await health('blue')) === 'up', 10_000)).toBe(true);
    const tally = await load.stop();

    expect(tally.failures).toEqual([]);
    expect(tally.ok).toBeGreaterThan(50);
    expect(tally.servedBy.blue).toBeGreaterThan(0);
    expect(tally.servedBy.green).toBeGreaterThan(0);
    const view = await managed('blue');
    expect([view.crashes, view.lastExit?.signal ?? view.lastExit?.code]).toEqual([2, expect.anything()]);
    // Two crashes in a row: the second restart waited twice as long as the first.
    const said = (await call('environmentLogs', { environment: 'blue', limit: 1000 })).lines.filter((line) => line.stream === 'turnout').map((line) => line.text);
    expect(said.filter((text) => text.startsWith('exited'))).toEqual([
      expect.stringMatching(/crashed 1 time, restarting in 500 ms$/),
      expect.stringMatching(/crashed 2 times, restarting in 1000 ms$/),
    ]);
  });

  it('restarts on demand, and stops every app (its whole process group) when Turnout stops', async () => {
    const before = await appPid(greenPort);
    const view = await call('environmentRestart', { environment: 'green' });
    expect(view.state).toBe('starting');
    expect(await eventually(async () => (await managed('green')).state === 'running', 15_000)).toBe(true);
    expect(await appPid(greenPort)).not.toBe(before);
    const green = (await call('environmentLogs', { environment: 'green', limit: 1000 })).lines.map((line) => line.text);
    expect(green).toContain(`green-on-${greenPort} got SIGTERM, exiting`);
    await expect(call('environmentLogs', { environment: 'red' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const pids = [await appPid(bluePort), await appPid(greenPort)];
    await control.stop();
    const alive = (pid: number): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    // Signalled and gone (a killed process is reaped a moment after stop() returns).
    expect(await eventually(() => !pids.some(alive), 2000)).toBe(true);
    await expect(fetch(`http://127.0.0.1:${bluePort}/`)).rejects.toThrow();
  });
});
