import type { DemoEnvironmentView } from '../../../shared/contract/demo';
import { ContractError } from '../../../shared/contract/errors';
import { DemoApp } from './demo-app';

/**
 * The small apps a demo profile runs in place of the user's own, one per environment,
 * numbered v1, v2, … in profile order; "new version" hands out the next number.
 */
export class DemoApps {
  private readonly apps = new Map<string, DemoApp>();

  /** Starts one app per environment on free loopback ports; resolves with their URLs. */
  async start(environments: readonly { name: string; color: string }[]): Promise<Record<string, string>> {
    const urls: Record<string, string> = {};
    try {
      for (const [index, env] of environments.entries()) {
        const app = new DemoApp(env.name, env.color, index + 1);
        this.apps.set(env.name, app);
        urls[env.name] = await app.start();
      }
    } catch (error) {
      await this.stop();
      throw error;
    }
    return urls;
  }

  /** The app standing in for `name`, or NOT_FOUND naming the ones there are. */
  app(name: string): DemoApp {
    const app = this.apps.get(name);
    if (!app) throw new ContractError('NOT_FOUND', `no demo environment "${name}" (demo environments: ${[...this.apps.keys()].join(', ')})`);
    return app;
  }

  /** The version "new version" gives: one above the highest running anywhere in the demo. */
  nextVersion(): number {
    return Math.max(0, ...[...this.apps.values()].map((app) => app.versionNumber)) + 1;
  }

  views(): DemoEnvironmentView[] {
    return [...this.apps.values()].map((app) => app.view());
  }

  async stop(): Promise<void> {
    const apps = [...this.apps.values()];
    this.apps.clear();
    await Promise.all(apps.map((app) => app.stop()));
  }
}
