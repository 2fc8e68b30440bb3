import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlService } from '../../electron/core/control';
import type { Store } from '../../electron/core/store/store';
import type { MethodArgs, MethodName } from '../../shared/contract/methods';
import { managedCommands, withUnconfirmedManaged } from '../../shared/domain/managed';
import { profileSchema } from '../../shared/domain/profile';
import { eventually } from '../support/data-plane';
import { MANAGED_APP as APP, startManagedControl, type ManagedControl } from '../support/managed-control';

/**
 * Docker is not on these machines: compose support is plain `docker compose` commands, so a
 * stand-in `docker` first on PATH records its arguments and, for `up`, runs the test app in
 * the foreground as compose would. Also: a command from an imported profile never runs
 * until confirmed once.
 */
describe('managed environments: compose commands and confirmation of imported commands', () => {
  let running: ManagedControl;
  let store: Store;
  let control: ControlService;
  let dockerLog: string;
  const saved = { PATH: process.env.PATH, DOCKER_LOG: process.env.DOCKER_LOG };
  const call = <M extends MethodName>(method: M, input: MethodArgs<M>) => running.call(method, input);
  const managed = (name: string) => running.managed(name);

  beforeAll(async () => {
    running = await startManagedControl({
      name: 'Shared',
      prepare: (dir) => {
        const bin = path.join(dir, 'bin');
        fs.mkdirSync(bin);
        dockerLog = path.join(dir, 'docker-args.log');
        fs.writeFileSync(path.join(bin, 'docker'), `#!/bin/sh\necho "$*" >> "$DOCKER_LOG"\ncase " $* " in *" up "*) exec node ${APP} ;; esac\nexit 0\n`, { mode: 0o755 });
        process.env.PATH = `${bin}:${process.env.PATH}`;
        process.env.DOCKER_LOG = dockerLog;
      },
      runs: (name) => (name === 'blue' ? { compose: { service: 'web-blue', file: 'deploy/compose.yml', confirmed: true } } : { run: { command: `node ${APP}`, confirmed: true } }),
      // Imported: whatever the file said, nothing in it is confirmed on this machine.
      stored: withUnconfirmedManaged,
    });
    ({ store, control } = running);
  });

  afterAll(async () => {
    await running?.stop();
    process.env.PATH = saved.PATH;
    process.env.DOCKER_LOG = saved.DOCKER_LOG;
  });

  it('runs nothing of an imported profile until each command is confirmed once, and stores the confirmation', async () => {
    expect([(await managed('blue')).state, (await managed('green')).state]).toEqual(['unconfirmed', 'unconfirmed']);
    expect(fs.existsSync(dockerLog)).toBe(false);
    await expect(call('environmentRestart', { environment: 'green' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/came with an import.*--confirm/) });
    expect((await managed('green')).state).toBe('unconfirmed');

    await call('environmentRestart', { environment: 'green', confirm: true });
    expect(await eventually(async () => (await managed('green')).state === 'running', 15_000)).toBe(true);
    expect(store.profiles.get('Shared')!.environments.map((env) => [env.name, (env.run ?? env.compose)!.confirmed])).toEqual([
      ['blue', false],
      ['green', true],
    ]);
    expect((await call('getHistory', { kind: 'profile', limit: 1 })).entries[0]).toMatchObject({ action: 'confirm run green', source: 'cli' });
    expect((await managed('blue')).state).toBe('unconfirmed');
  });

  it('an import stores every run and compose command unconfirmed, whatever the file says', async () => {
    const stored = store.profiles.get('Shared')!;
    const file = { format: 'turnout-profiles' as const, version: 1 as const, profiles: [{ ...stored, name: 'From a colleague', environments: stored.environments.map((env) => ({ ...env, ...(env.run ? { run: { ...env.run, confirmed: true } } : {}), ...(env.compose ? { compose: { ...env.compose, confirmed: true } } : {}) })) }] };
    await call('importProfiles', { file });
    expect(store.profiles.get('From a colleague')!.environments.map((env) => [env.name, (env.run ?? env.compose)!.confirmed])).toEqual([
      ['blue', false],
      ['green', false],
    ]);
  });

  it('drives a compose service with plain docker compose commands: up in the foreground, stop on the way out', async () => {
    await call('environmentRestart', { environment: 'blue', confirm: true });
    expect(await eventually(async () => (await managed('blue')).state === 'running', 15_000)).toBe(true);
    expect(fs.readFileSync(dockerLog, 'utf8').trim().split('\n')).toEqual(['compose -f deploy/compose.yml up --no-log-prefix web-blue']);
    await control.stop();
    expect(fs.readFileSync(dockerLog, 'utf8').trim().split('\n')).toEqual(['compose -f deploy/compose.yml up --no-log-prefix web-blue', 'compose -f deploy/compose.yml stop web-blue']);
  });

  it('fills {port} and {name}, and quotes compose arguments for the shell', () => {
    const env = { name: 'blue', url: 'http://127.0.0.1:4100' };
    expect(managedCommands({ ...env, run: { command: 'PORT={port} npm start -- --tag {name}', env: { X: '{port}' }, keepRunningOnQuit: false, confirmed: true } })).toMatchObject({
      start: 'PORT=4100 npm start -- --tag blue',
      env: { PORT: '4100', TURNOUT_ENV: 'blue', X: '4100' },
    });
    expect(managedCommands({ ...env, compose: { service: 'web', file: 'my compose.yml', keepRunningOnQuit: false, confirmed: true } })!.start).toBe("docker compose -f 'my compose.yml' up --no-log-prefix web");
    expect(managedCommands(env)).toBeNull();
    const both = { name: 'x', listen: '127.0.0.1:0', routing: 'round-robin', demo: false, environments: [{ name: 'a', color: '#000000', url: 'http://127.0.0.1:1', weight: 100, run: { command: 'a' }, compose: { service: 'a' } }, { name: 'b', color: '#000000', url: 'http://127.0.0.1:2', weight: 0 }] };
    expect(profileSchema.safeParse(both).error?.issues.map((issue) => issue.message)).toEqual(['give either run or compose, not both']);
  });
});
