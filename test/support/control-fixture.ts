import path from 'node:path';
import { ControlService } from '../../electron/core/control';
import { Store } from '../../electron/core/store/store';
import type { HealthCheck } from '../../shared/domain/health-settings';
import { profileSchema, type Profile, type ProfileInput } from '../../shared/domain/profile';
import { eventually } from './data-plane';

/**
 * The control service as `turnout serve` runs it, in this process: a real store in `dir`,
 * the active profile in front of blue and green at `urls`, started, with both healthy.
 * `stop` closes the service, then the store.
 */
export async function startControl(
  dir: string,
  urls: { blue: string; green: string },
  options: { name: string; health: Partial<HealthCheck>; extra?: Partial<ProfileInput> },
): Promise<{ control: ControlService; store: Store; profile: Profile; url: string; stop(): Promise<void> }> {
  const profile = profileSchema.parse({
    name: options.name,
    listen: '127.0.0.1:0',
    routing: 'round-robin',
    demo: false,
    environments: [
      { name: 'blue', color: '#2f6fed', url: urls.blue, weight: 50, health: options.health },
      { name: 'green', color: '#1f9d55', url: urls.green, weight: 50, health: options.health },
    ],
    ...options.extra,
  });
  const store = Store.open(path.join(dir, 'turnout.db'));
  store.profiles.saveActive(profile);
  const control = new ControlService(store, profile);
  await control.start();
  const stop = async (): Promise<void> => {
    await control.stop();
    store.close();
  };
  if (!(await eventually(async () => (await control.getState()).environments.every((env) => env.health === 'up'), 10_000))) {
    await stop();
    throw new Error('the environments did not come up');
  }
  return { control, store, profile, url: (await control.getState()).proxy.url, stop };
}
