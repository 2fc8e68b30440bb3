import { lanAddresses } from '../net/lan-addresses';
import { DEFAULT_DEMO_CONCURRENCY, type DemoLoadView, type DemoView } from '../../../shared/contract/demo';
import { DemoApps } from './demo-apps';
import { LoadGenerator } from './load-generator';

const IDLE_LOAD: DemoLoadView = { running: false, targetRps: 0, concurrency: 0, achievedRps: 0, sent: 0, completed: 0, errors: 0, inFlight: 0, lastError: null, servedBy: {} };

/**
 * Everything demo mode runs beside one live profile: its demo apps and the load
 * generator aimed at its proxy. Lives and dies with that profile's LiveProfile, so
 * switching away from a demo stops the load and the apps with it.
 */
export class DemoSession {
  readonly apps = new DemoApps();
  private load: LoadGenerator | undefined;

  /** `proxyUrl` is read when the load starts: the listener binds after the apps start. */
  constructor(private readonly proxyUrl: () => string) {}

  start(environments: readonly { name: string; color: string }[]): Promise<Record<string, string>> {
    return this.apps.start(environments);
  }

  /** 0 stops the load; no concurrency keeps the current one. */
  setLoad(rps: number, concurrency?: number): void {
    const current = this.load?.currentConcurrency;
    this.load ??= new LoadGenerator(loopbackOrigin(this.proxyUrl()));
    this.load.set(rps, concurrency ?? current ?? DEFAULT_DEMO_CONCURRENCY);
  }

  view(): DemoView {
    return { environments: this.apps.views(), load: this.load?.view() ?? IDLE_LOAD, lanAddresses: lanAddresses() };
  }

  /** Stops the load first, so nothing new reaches the proxy while it closes. */
  async stopLoad(): Promise<void> {
    await this.load?.stop();
  }

  async stop(): Promise<void> {
    await this.stopLoad();
    await this.apps.stop();
  }
}

/** A proxy listening on every address is reached on loopback: the load never leaves the machine. */
function loopbackOrigin(url: string): string {
  return url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//[::1]:');
}
