import { ContractError } from '../../../shared/contract/errors';
import type { FlowView } from '../../../shared/contract/flow';
import { shadowStart, shadowUnavailable } from './shadow-handlers';
import type { MethodInput } from '../../../shared/contract/methods';
import type { MetricsSample } from '../../../shared/contract/metrics';
import type { ChangeSource } from '../../../shared/contract/state';
import type { Profile } from '../../../shared/domain/profile';
import type { Weights } from '../../../shared/domain/ratio';
import type { ContractEventBus } from '../events';
import type { FlowState } from '../flow/plan';
import { FlowRunner, type FlowHost, type FlowRunnerOptions } from '../flow/runner';
import type { Store } from '../store/store';
import type { HistoryLog } from './history-log';
import { MANAGED_READY_MS, type LiveProfile } from './live-profile';
import type { FlowPause } from './pause';

/**
 * A drain that had something open counts only once it has held this long: Turnout sees its
 * last connection close the instant it closes its side; the app sees it a moment later, when
 * it reads the close. An environment idle from the start is drained at once.
 */
export const DRAIN_SETTLE_MS = 150;

/** What the control service lends the update flow: its state and its one path for each change. */
export interface FlowDeps {
  profile(): Profile;
  /** The running profile changed (restore ratio, a confirmed command); it is already stored. */
  replaceProfile(next: Profile): void;
  live(): LiveProfile | undefined;
  store(): Store;
  log(): HistoryLog;
  events: ContractEventBus;
  /** The control service's own ratio change: stored, recorded as a ratio change, applied, pushed. */
  setRatio(weights: Weights, source: ChangeSource, action: string): void;
  changed(): void;
  /** The proxy's pause, for the held step (control/pause.ts, flowPause). */
  pause: FlowPause;
}

/**
 * The contract's update methods over one FlowRunner, and the FlowHost it acts through.
 * Kept out of control.ts so the service stays a list of one-line delegations.
 */
export class FlowHandlers {
  private readonly runner: FlowRunner;
  /** The profile the running flow belongs to: a switch away ends it (its environments are gone). */
  private flowProfile = '';
  /** Since when each environment has been seen drained without a break. */
  private readonly drainedSince = new Map<string, number>();
  /** Environments seen not drained during the running flow. */
  private readonly seenBusy = new Set<string>();

  constructor(
    private readonly deps: FlowDeps,
    options: FlowRunnerOptions = {},
  ) {
    this.runner = new FlowRunner(this.host(), options);
  }

  /** Start, next and abort resolve once the step's ratio is in force (an attached HAProxy confirms it first; flow/ratio-gate.ts). */
  async start(input: MethodInput<'updateStart'>, source: ChangeSource): Promise<FlowView> {
    const unavailable = input.shadowGate ? shadowUnavailable(this.deps.live()) : null;
    if (unavailable !== null) throw new ContractError('CONFLICT', `shadow gate: ${unavailable}`);
    const before = this.flowProfile;
    this.flowProfile = this.deps.profile().name;
    this.seenBusy.clear();
    this.drainedSince.clear();
    try {
      this.runner.start(input, source);
      await this.runner.settled();
      return this.runner.view()!;
    } catch (error) {
      this.flowProfile = before;
      throw error;
    }
  }

  /**
   * Takes up the active profile's update stored by an earlier process, if one was running.
   * A stored state that no longer fits (the profile's environments changed) is dropped with
   * a history entry, never half-applied.
   */
  resume(): void {
    const profile = this.deps.profile();
    const stored = this.deps.store().flows.load(profile.name) as FlowState | undefined;
    if (stored === undefined) return;
    const names = profile.environments.map((env) => env.name).join();
    if (stored.view?.status !== 'running' || stored.config?.environments.map((env) => env.name).join() !== names) {
      this.deps.log().commit((record) => {
        this.deps.store().flows.clear(profile.name);
        record({ source: 'auto', kind: 'flow', action: 'stored update dropped', profile: profile.name, before: null, after: 'its environments no longer match the profile' });
      });
      return;
    }
    this.flowProfile = profile.name;
    this.runner.resume(stored);
  }

  async next(input: MethodInput<'updateNext'>, source: ChangeSource): Promise<FlowView> {
    this.runner.next(input.manual, source);
    await this.runner.settled();
    return this.runner.view()!;
  }

  async abort(input: MethodInput<'updateAbort'>, source: ChangeSource): Promise<FlowView> {
    this.runner.abort(input.reason, source);
    await this.runner.settled();
    return this.runner.view()!;
  }

  view(): FlowView | null {
    return this.runner.view();
  }

  onMetrics(sample: MetricsSample): void {
    this.runner.onMetrics(sample);
  }

  onLiveChange(): void {
    this.runner.poke();
  }

  stop(): void {
    this.runner.stop();
  }

  private settled(name: string, drained: boolean): boolean {
    if (!drained) {
      this.drainedSince.delete(name);
      this.seenBusy.add(name);
      return false;
    }
    if (!this.seenBusy.has(name)) return true;
    const since = this.drainedSince.get(name) ?? Date.now();
    this.drainedSince.set(name, since);
    return Date.now() - since >= DRAIN_SETTLE_MS;
  }

  private host(): FlowHost {
    const { deps } = this;
    const save = (next: Profile, entry?: { source: ChangeSource; action: string; before: unknown; after: unknown }): void => {
      deps.log().commit((record) => {
        deps.store().profiles.replace(next.name, next);
        if (entry) record({ ...entry, kind: 'flow', profile: next.name });
      });
      deps.replaceProfile(next);
    };
    /** An imported recipe confirmed in the flow: its run/compose command is confirmed with it (one yes for both). */
    const confirmRecipe = (env: string, source: ChangeSource): void => {
      const profile = deps.profile();
      const environments = profile.environments.map((e) => (e.name !== env ? e : { ...e, ...(e.run ? { run: { ...e.run, confirmed: true } } : {}), ...(e.compose ? { compose: { ...e.compose, confirmed: true } } : {}) }));
      save({ ...profile, environments }, { source, action: `confirm run ${env}`, before: 'unconfirmed', after: 'confirmed' });
      // Not started here: the recipe runs next and (re)starts it after.
      const confirmed = environments.find((e) => e.name === env);
      if (confirmed) void deps.live()?.managed.confirm(confirmed, false).catch(() => undefined);
    };
    return {
      profile: () => deps.profile(),
      weights: () => Object.fromEntries(deps.profile().environments.map((env) => [env.name, env.weight])),
      observe: (name) => {
        const profile = deps.profile();
        const live = deps.live();
        if (profile.name !== this.flowProfile || !live || !profile.environments.some((env) => env.name === name)) return undefined;
        const { drained, health, lastProbe, inFlight, openWebSockets, openStreams } = live.status(name);
        return { drained: this.settled(name, drained), health, inFlight, openWebSockets, openStreams, lastProbe: lastProbe ? { at: lastProbe.at, ok: lastProbe.ok } : null };
      },
      proxyUrl: () => deps.live()?.proxyUrl ?? '',
      setRatio: (weights, source, action) => deps.setRatio(weights, source, action),
      confirmRatio: (weights) => {
        const live = deps.live();
        if (!live?.confirmsChanges) return null;
        const profile = deps.profile();
        return live.applyConfirmed({ ...profile, environments: profile.environments.map((env) => ({ ...env, weight: weights[env.name] ?? env.weight })) });
      },
      setRestoreWeights: (weights) => save({ ...deps.profile(), restoreWeights: weights }),
      confirmCommand: (env, source) => {
        const profile = deps.profile();
        const command = profile.update.commands[env];
        if (!command) return confirmRecipe(env, source);
        const confirmed = { ...command, confirmed: true };
        save({ ...profile, update: { ...profile.update, commands: { ...profile.update.commands, [env]: confirmed } } }, { source, action: `confirm command ${env}`, before: command, after: confirmed });
      },
      record: (source, action, before, after) =>
        deps.log().commit((record) => record({ source, kind: 'flow', action, profile: deps.profile().name, before, after })),
      notice: (notice) => deps.events.emit('flowNotice', notice),
      pause: () => deps.pause.view(),
      holdTraffic: (timeoutMs, source) => deps.pause.hold(timeoutMs, source),
      releaseTraffic: (source) => deps.pause.release(source),
      updateDrain: (env, step) => void deps.live()?.updateDrain(env, step),
      shadowStart: (env, percent) => void shadowStart(deps.live(), { environment: env, percent }),
      shadowStop: () => void deps.live()?.inspector?.shadow.stop(),
      shadowStatus: () => deps.live()?.inspector?.shadow.status() ?? null,
      changed: () => deps.changed(),
      runUpdate: (env, command, onLine, signal) => {
        const managed = deps.live()?.managed;
        // Only the recipe of a process Turnout runs: a profile's own update command still runs as it did.
        if (!managed?.has(env) || deps.profile().update.commands[env]) return null;
        return managed.get(env).runRecipe(command, onLine, signal, MANAGED_READY_MS);
      },
      persist: (state) => (state === null ? deps.store().flows.clear(this.flowProfile) : deps.store().flows.save(this.flowProfile, state)),
      atomically: (work) => deps.store().transaction(work),
    };
  }
}
