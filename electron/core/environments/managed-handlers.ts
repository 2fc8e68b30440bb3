import { ContractError } from '../../../shared/contract/errors';
import type { MethodInput, MethodResults } from '../../../shared/contract/methods';
import type { ChangeSource } from '../../../shared/contract/state';
import type { Profile } from '../../../shared/domain/profile';
import type { LiveProfile } from '../control/live-profile';
import type { HistoryLog } from '../control/history-log';
import type { Store } from '../store/store';
import type { ManagedEnvironments } from './managed-environments';

export interface ManagedDeps {
  profile(): Profile;
  /** The running profile changed (a command confirmed); it is already stored. */
  replaceProfile(next: Profile): void;
  live(): LiveProfile | undefined;
  store(): Store;
  log(): HistoryLog;
  changed(): void;
}

/** The contract's managed-environment methods over the running profile's ManagedEnvironments. */
export class ManagedHandlers {
  constructor(private readonly deps: ManagedDeps) {}

  async environmentLogs(input: MethodInput<'environmentLogs'>): Promise<MethodResults['environmentLogs']> {
    const managed = this.managed();
    // An environment Turnout does not run has no output here: an empty log, not an error (the panel asks for every one).
    if (!managed.has(input.environment) && this.deps.profile().environments.some((env) => env.name === input.environment)) {
      return { environment: input.environment, lines: [], lastSeq: 0, view: null };
    }
    const process = managed.get(input.environment);
    return { environment: input.environment, lines: process.logs.tail(input.limit, input.after ?? 0), lastSeq: process.logs.lastSeq, view: process.view() };
  }

  async environmentRestart(input: MethodInput<'environmentRestart'>, source: ChangeSource): Promise<MethodResults['environmentRestart']> {
    const managed = this.managed();
    const process = managed.get(input.environment);
    if (process.current === 'unconfirmed') {
      if (!input.confirm) throw new ContractError('CONFLICT', `"${process.view().command}" came with an import and has not run yet: confirm it once (turnout env restart ${input.environment} --confirm)`);
      await this.confirm(input.environment, source);
      // The stored profile changed (confirmed), so its environment was started afresh.
      return managed.get(input.environment).view();
    }
    if (process.current === 'external') throw new ContractError('CONFLICT', `${input.environment} was already running when Turnout started it, so Turnout does not supervise it: stop it, then restart here`);
    // Answers once started, not once healthy: the views follow its state (starting → running).
    await process.restart(0);
    return process.view();
  }

  private async confirm(name: string, source: ChangeSource): Promise<void> {
    const profile = this.deps.profile();
    const environments = profile.environments.map((env) =>
      env.name !== name ? env : { ...env, ...(env.run ? { run: { ...env.run, confirmed: true } } : {}), ...(env.compose ? { compose: { ...env.compose, confirmed: true } } : {}) },
    );
    const env = profile.environments.find((e) => e.name === name)!;
    const next = { ...profile, environments };
    this.deps.log().commit((record) => {
      this.deps.store().profiles.replace(next.name, next);
      record({ source, kind: 'profile', action: `confirm run ${name}`, profile: next.name, before: env.run ?? env.compose, after: 'confirmed' });
    });
    this.deps.replaceProfile(next);
    const live = this.deps.live()!;
    live.apply(next);
    await live.managed.confirm(next.environments.find((e) => e.name === name)!, true);
    this.deps.changed();
  }

  private managed(): ManagedEnvironments {
    const live = this.deps.live();
    if (!live) throw new ContractError('UNAVAILABLE', 'the proxy is not running');
    return live.managed;
  }
}
