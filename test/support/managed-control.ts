import path from 'node:path';
import { ControlService } from '../../electron/core/control';
import { Store } from '../../electron/core/store/store';
import { dispatch } from '../../shared/contract/dispatch';
import type { ManagedView } from '../../shared/contract/managed';
import type { MethodArgs, MethodName, MethodResults } from '../../shared/contract/methods';
import { profileSchema, type Profile } from '../../shared/domain/profile';
import { FAST_HEALTH } from './data-plane';
import { freePorts } from './ports';
import { makeTempDir } from './temp-dir';

/** The small Express app the managed-environment tests run as blue and green (test/fixtures/managed-app). */
export const MANAGED_APP = path.resolve(import.meta.dirname, '../fixtures/managed-app/app.mjs');

export type EnvName = 'blue' | 'green';

export interface ManagedControl {
  temp: ReturnType<typeof makeTempDir>;
  store: Store;
  control: ControlService;
  ports: Record<EnvName | 'listen', number>;
  call<M extends MethodName>(method: M, input: MethodArgs<M>): Promise<MethodResults[M]>;
  managed(name: string): Promise<ManagedView>;
  stop(): Promise<void>;
}

export interface ManagedControlOptions {
  name: string;
  /** How each environment runs (`run` or `compose`), given its port and the temp dir. */
  runs(name: EnvName, port: number, dir: string): Record<string, unknown>;
  /** Called with the temp dir before anything starts (a stand-in `docker` on PATH, say). */
  prepare?(dir: string): void;
  /** The profile as stored (an imported profile's commands unconfirmed, say). */
  stored?(profile: Profile): Profile;
}

/**
 * A control service on a real SQLite store in a temp dir, its active profile running blue and
 * green as managed environments on free ports, health-checked at /health (fall 3, 2 s timeout),
 * calls going through the contract's dispatch as the CLI's would.
 */
export async function startManagedControl(options: ManagedControlOptions): Promise<ManagedControl> {
  const temp = makeTempDir();
  options.prepare?.(temp.dir);
  const store = Store.open(path.join(temp.dir, 'turnout.db'));
  const [blue, green, listen] = (await freePorts(3)) as [number, number, number];
  const ports = { blue, green, listen };
  const health = { ...FAST_HEALTH, path: '/health', timeoutMs: 2000, fall: 3 };
  const parsed = profileSchema.parse({
    name: options.name,
    listen: `127.0.0.1:${listen}`,
    routing: 'round-robin',
    demo: false,
    environments: (['blue', 'green'] as const).map((name) => ({
      name,
      color: name === 'green' ? '#1f9d55' : '#2f6fed',
      url: `http://127.0.0.1:${ports[name]}`,
      weight: 50,
      health,
      ...options.runs(name, ports[name], temp.dir),
    })),
  });
  const profile = options.stored ? options.stored(parsed) : parsed;
  store.profiles.saveActive(profile);
  const control = new ControlService(store, profile);
  await control.start();
  const call = <M extends MethodName>(method: M, input: MethodArgs<M>) => dispatch(control, method, input, { source: 'cli' }) as Promise<MethodResults[M]>;
  return {
    temp,
    store,
    control,
    ports,
    call,
    managed: async (name) => (await call('getState', {})).managed!.find((view) => view.name === name)!,
    stop: async () => {
      await control.stop();
      store.close();
      temp.cleanup();
    },
  };
}
