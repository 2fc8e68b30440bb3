import { Server } from 'node:net';
import type { AdoptResult } from '../../../shared/contract/adopt-methods';
import { ContractError } from '../../../shared/contract/errors';
import type { CallContext, ContractHandlers, MethodInput } from '../../../shared/contract/methods';
import { healthCheckSchema } from '../../../shared/domain/health-settings';
import { managedCommands, portOfUrl } from '../../../shared/domain/managed';
import { newProfileSchema } from '../../../shared/domain/new-profile';
import { splitListen, type Profile, type ProfileInput } from '../../../shared/domain/profile';
import { probe } from '../health/probe';
import { listenOn } from '../net/listen';
import { ManagedProcess } from './managed-process';

export interface AdoptDeps {
  profile(): Profile;
  control: Pick<ContractHandlers, 'listProfiles' | 'createProfile' | 'switchProfile' | 'deleteProfile' | 'getState'>;
}

const LAST_LINES = 5;

/**
 * Puts Turnout in front of an app that already serves: it becomes Blue where it is; a clone
 * command becomes Green on a free port, tried once (started, health-checked, stopped) before
 * anything is stored. Every check comes before the profile is created, and a switch that
 * still fails takes the new profile away again: an error leaves nothing half-made.
 */
export async function adopt(input: MethodInput<'adopt'>, context: CallContext, deps: AdoptDeps): Promise<AdoptResult> {
  const health = healthCheckSchema.parse({ path: input.healthPath });
  const seen = await probe({ url: input.url, check: health, allowSelfSigned: false });
  if (!seen.ok) throw new ContractError('UNAVAILABLE', `${input.url} does not answer GET ${input.healthPath} (${seen.error ?? `status ${seen.status}`}): start the app first, or name a path that answers with --health`);

  const taken = new Set((await deps.control.listProfiles({}, context)).map((profile) => profile.name));
  const host = new URL(input.url).host;
  const name = input.name ?? [`Adopted ${host}`, ...Array.from({ length: 98 }, (_, i) => `Adopted ${host} (${i + 2})`)].find((candidate) => !taken.has(candidate))!;
  if (taken.has(name)) throw new ContractError('CONFLICT', `a profile named "${name}" already exists: pick another with --name`);

  const active = deps.profile();
  const listen = input.listen ?? active.listen;
  await checkListen(listen, input.url, listen !== active.listen);

  const greenPort = await freePort();
  const green: ProfileInput['environments'][number] = {
    name: 'green',
    color: '#1f9d55',
    url: `http://127.0.0.1:${greenPort}`,
    weight: 0,
    health: { path: input.healthPath },
    ...(input.clone ? { run: { command: input.clone, ...(input.cwd ? { cwd: input.cwd } : {}), confirmed: true } } : {}),
  };
  if (input.clone) await tryClone(green, input.readyTimeoutMs);

  const profile: ProfileInput = {
    name,
    listen,
    routing: 'round-robin',
    demo: false,
    environments: [{ name: 'blue', color: '#2f6fed', url: input.url, weight: 100, health: { path: input.healthPath } }, green],
  };
  // Called in-process (not through a transport): validated and defaulted here, as a transport would.
  await deps.control.createProfile({ profile: newProfileSchema.parse(profile) }, context);
  try {
    await deps.control.switchProfile({ name }, context);
  } catch (error) {
    await deps.control.deleteProfile({ name }, context).catch(() => undefined);
    throw error;
  }
  const proxyUrl = (await deps.control.getState({}, context)).proxy.url;
  return { profile: name, proxyUrl, blue: input.url, green: green.url, greenManaged: Boolean(input.clone), nextSteps: nextSteps(input.url, proxyUrl, green.url, Boolean(input.clone)) };
}

/** The proxy cannot take the app's own address while the app holds it; a new address must be free now. */
async function checkListen(listen: string, appUrl: string, mustBind: boolean): Promise<void> {
  const { host, port } = splitListen(listen);
  const app = new URL(appUrl);
  if (port === portOfUrl(appUrl) && (host === app.hostname || host === '0.0.0.0' || host === '::')) {
    throw new ContractError('CONFLICT', `${listen} is the app's own address and it still listens there: give the app another port first, then adopt its new URL with --listen ${listen}`);
  }
  if (!mustBind || port === 0) return;
  const server = new Server();
  try {
    await listenOn(server, host, port);
  } catch (error) {
    throw new ContractError('CONFLICT', (error as Error).message);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Starts the clone once where it will run, waits for its health check, and stops it; its last lines explain a failure. */
async function tryClone(green: ProfileInput['environments'][number], readyTimeoutMs: number): Promise<void> {
  const env = { name: green.name, url: green.url, run: { env: {}, keepRunningOnQuit: false, confirmed: true, ...green.run! } };
  const check = healthCheckSchema.parse(green.health);
  const trial = new ManagedProcess(green.name, managedCommands(env)!, { url: green.url, check, allowSelfSigned: false }, () => undefined);
  try {
    await trial.start(readyTimeoutMs);
    const view = trial.view();
    if (view.state === 'running') return;
    const why =
      view.state === 'crashed'
        ? `exited (${view.lastExit?.signal ?? `code ${view.lastExit?.code}`})`
        : `did not answer GET ${check.path} at ${green.url} within ${Math.round(readyTimeoutMs / 1000)} s`;
    const lines = trial.logs
      .tail(50)
      .filter((line) => line.stream !== 'turnout')
      .slice(-LAST_LINES)
      .map((line) => line.text);
    throw new ContractError('UNAVAILABLE', `the clone command ${why}${lines.length ? `; its last lines: ${lines.join(' | ')}` : ' (no output)'}`);
  } finally {
    await trial.stop();
  }
}

function nextSteps(appUrl: string, proxyUrl: string, greenUrl: string, managed: boolean): string[] {
  return [
    managed ? `Green runs from your clone command at ${greenUrl} (weight 0 for now).` : `Start a second copy of the app at ${greenUrl} (Green, weight 0 for now), or edit the profile.`,
    `Move clients over: point them at ${proxyUrl} instead of ${appUrl}.`,
    `Or give the app a new port, adopt its new URL, and let Turnout take ${new URL(appUrl).host} (turnout adopt NEW_URL --listen ${new URL(appUrl).host}); Turnout checks that the port is free before binding it.`,
    'Then move traffic with the ratio slider or "turnout ratio", and update with "turnout update start".',
  ];
}

function freePort(): Promise<number> {
  const server = new Server();
  return listenOn(server, '127.0.0.1', 0).finally(() => new Promise((resolve) => server.close(resolve)));
}
