import { DEMO_GUIDE, type DemoStatus, type DemoView } from '../../../shared/contract/demo';
import type { DemoMethodName } from '../../../shared/contract/demo-methods';
import { ContractError } from '../../../shared/contract/errors';
import type { CallContext, ContractHandlers, MethodInput } from '../../../shared/contract/methods';
import { DEMO_PROFILE, type Profile } from '../../../shared/domain/profile';
import type { DemoSession } from './demo-session';

/** What the demo handlers need from the control service. */
export interface DemoHost {
  profile(): Profile;
  /** The running demo, or undefined when the active profile is not a demo profile. */
  session(): DemoSession | undefined;
  proxyUrl(): string;
  /** Something views show changed: push the state. */
  changed(): void;
  /** Profile methods of the contract, so starting the demo is stored and recorded like any switch. */
  control: Pick<ContractHandlers, 'listProfiles' | 'createProfile' | 'switchProfile'>;
}

/**
 * The demo methods of the contract (shared/contract/demo-methods.ts). The control service
 * delegates to this one line per method. Actions run one at a time, so two restarts of
 * one app cannot race for its port.
 */
export class DemoHandlers implements Pick<ContractHandlers, DemoMethodName> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly host: DemoHost) {}

  async demoStart(input: MethodInput<'demoStart'>, context: CallContext): Promise<DemoStatus> {
    await this.activateDemo(context);
    this.running().setLoad(input.rps, input.concurrency);
    this.host.changed();
    return this.status();
  }

  async demoStatus(): Promise<DemoStatus> {
    return this.status();
  }

  async demoLoad(input: MethodInput<'demoLoad'>): Promise<DemoView> {
    return this.act(async (session) => session.setLoad(input.rps, input.concurrency));
  }

  async demoFault(input: MethodInput<'demoFault'>): Promise<DemoView> {
    return this.act(async (session) => {
      const app = session.apps.app(input.environment);
      app.faults = { latencyMs: input.latencyMs ?? app.faults.latencyMs, errorPercent: input.errorPercent ?? app.faults.errorPercent };
    });
  }

  async demoCrash(input: MethodInput<'demoCrash'>): Promise<DemoView> {
    return this.act(async (session) => session.apps.app(input.environment).crash());
  }

  async demoRestart(input: MethodInput<'demoRestart'>): Promise<DemoView> {
    return this.act((session) => session.apps.app(input.environment).restart());
  }

  async demoNewVersion(input: MethodInput<'demoNewVersion'>): Promise<DemoView> {
    return this.act((session) => {
      const app = session.apps.app(input.environment);
      return app.restart(session.apps.nextVersion());
    });
  }

  /**
   * The active profile if it is a demo; else the first stored demo profile; else a new
   * one made from DEMO_PROFILE on the active profile's listen address, so the switch
   * happens in place and the proxy URL the room already uses keeps working.
   */
  private async activateDemo(context: CallContext): Promise<void> {
    const active = this.host.profile();
    if (active.demo) return;
    const profiles = await this.host.control.listProfiles({}, context);
    let target = profiles.find((profile) => profile.demo)?.name;
    if (target === undefined) {
      const taken = new Set(profiles.map((profile) => profile.name));
      target = [DEMO_PROFILE.name, ...Array.from({ length: 98 }, (_, i) => `${DEMO_PROFILE.name} ${i + 2}`)].find((name) => !taken.has(name));
      if (target === undefined) throw new ContractError('CONFLICT', 'no free name for a demo profile: delete one of the "Demo N" profiles');
      await this.host.control.createProfile({ profile: { ...DEMO_PROFILE, name: target, listen: active.listen } }, context);
    }
    await this.host.control.switchProfile({ name: target }, context);
  }

  private act(work: (session: DemoSession) => Promise<void>): Promise<DemoView> {
    const run = this.queue.then(async () => {
      const session = this.running();
      await work(session);
      this.host.changed();
      return session.view();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private status(): DemoStatus {
    return { ...this.running().view(), profile: this.host.profile().name, proxyUrl: this.host.proxyUrl(), guide: DEMO_GUIDE };
  }

  private running(): DemoSession {
    const session = this.host.session();
    if (!session) {
      throw new ContractError('CONFLICT', `the active profile "${this.host.profile().name}" is not a demo profile: start the demo with "turnout demo start" (or switch to a demo profile)`);
    }
    return session;
  }
}
