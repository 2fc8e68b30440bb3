import { ContractError } from '../../../shared/contract/errors';
import type { FlowView } from '../../../shared/contract/flow';
import type { MethodInput } from '../../../shared/contract/methods';
import type { MetricsSample } from '../../../shared/contract/metrics';
import type { ChangeSource } from '../../../shared/contract/state';
import { runShellCommand } from './command';
import { realClock, type FlowClock, type FlowHost, type FlowRunnerOptions } from './flow-host';
import { startFlow, step } from './machine';
import { resumeFlow } from './resume';
import type { FlowConfig, FlowEffect, FlowEvent, FlowState, Observation, Transition } from './plan';
import { RatioGate } from './ratio-gate';
import { smokeRequest } from './smoke';
import { sameWeights } from '../../../shared/domain/ratio';
import type { Environment } from '../../../shared/domain/environment';
import { managedCommands } from '../../../shared/domain/managed';
import type { UpdateCommand } from '../../../shared/domain/update-plan';

/** A managed environment's update recipe as the flow's update command (confirmed with its run/compose command). */
function managedRecipe(env: Environment): UpdateCommand | null {
  const commands = managedCommands(env);
  return commands?.update ? { command: commands.update, confirmed: commands.confirmed } : null;
}

export type { FlowClock, FlowHost, FlowRunnerOptions } from './flow-host';

/**
 * Drives the step machine: feeds it time, live status (every tick and on health changes),
 * metrics samples and the user's calls, and carries out its effects through the host.
 * Timers come from an injected clock, so tests run a whole flow in milliseconds.
 */
export class FlowRunner {
  private transition: Transition | null = null;
  /** What the last stored state was at (status, step, wait, deadline): ticks that move only counts are not written. */
  private persistedAt = '';
  private timer: unknown;
  private command: AbortController | undefined;
  private readonly clock: FlowClock;
  private readonly tickMs: number;
  private readonly gate: RatioGate;

  constructor(
    private readonly host: FlowHost,
    private readonly options: FlowRunnerOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.tickMs = options.tickMs ?? 200;
    this.gate = new RatioGate(host.confirmRatio?.bind(host));
  }

  view(): FlowView | null {
    return this.transition?.state.view ?? null;
  }

  get running(): boolean {
    return this.view()?.status === 'running';
  }

  start(input: MethodInput<'updateStart'>, source: ChangeSource): FlowView {
    if (this.running) throw new ContractError('CONFLICT', 'an update is already running: continue it (updateNext) or abort it first');
    const profile = this.host.profile();
    if (!profile.environments.some((env) => env.name === input.first)) {
      throw new ContractError('NOT_FOUND', `no environment "${input.first}" in profile "${profile.name}"`);
    }
    const config: FlowConfig = {
      first: input.first,
      plan: input.plan,
      environments: profile.environments.map((env) => ({
        name: env.name,
        rise: env.health.rise,
        healthEnabled: env.health.enabled,
        command: profile.update.commands[env.name] ?? managedRecipe(env),
      })),
      smoke: input.smoke === undefined ? profile.update.smoke : input.smoke,
      drain: {
        graceMs: input.graceMs ?? profile.update.drain.graceMs,
        sessionWindowMs: input.sessionWindowMs ?? profile.update.drain.sessionWindowMs,
        deadlineMs: input.deadlineMs ?? profile.update.drain.deadlineMs,
      },
      sticky: profile.routing === 'sticky',
      verifyTimeoutMs: input.verifyTimeoutMs,
      heldStep: input.heldStep ?? null,
      shadowGate: input.shadowGate ?? null,
    };
    const weights = this.host.weights();
    // An earlier update that did not finish left its original ratio: that is still the one to restore.
    const previous = this.transition;
    this.gate.pass(startFlow(config, this.clock.now(), weights, profile.restoreWeights ?? weights, source), () => this.transition === previous, (next) => {
      this.apply(next);
      // A look at once: an environment already at 0 and idle is drained now, not a tick later.
      if (this.running) this.observe();
      this.schedule();
    });
    return this.view()!;
  }

  /** Resolves once the last step's ratio is in force (at once without a confirming engine); rejects if it was not applied. */
  settled(): Promise<void> {
    return this.gate.settled();
  }

  /** Takes up a flow stored by an earlier process (machine.ts, resumeFlow). */
  resume(stored: FlowState): FlowView {
    if (this.running) throw new ContractError('CONFLICT', 'an update is already running');
    this.apply(resumeFlow(stored, this.clock.now()));
    if (this.running) this.observe();
    this.schedule();
    return this.view()!;
  }

  next(manual: boolean, source: ChangeSource): FlowView {
    this.dispatch({ type: 'next', now: this.clock.now(), source, manual });
    // "Finish now" on a drain moved its schedule: act on it at once, not a tick later.
    if (this.running && this.view()!.waitingFor?.kind === 'drained') this.observe();
    return this.view()!;
  }

  abort(reason: string | undefined, source: ChangeSource): FlowView {
    this.dispatch({ type: 'abort', now: this.clock.now(), source, ...(reason ? { reason } : {}) });
    return this.view()!;
  }

  onMetrics(sample: MetricsSample): void {
    if (this.running && !this.gate.busy) this.dispatch({ type: 'metrics', now: this.clock.now(), sample });
  }

  /** Something live changed (a health transition): look now rather than at the next tick. */
  poke(): void {
    if (this.running) this.observe();
  }

  stop(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.command?.abort();
  }

  private observe(): void {
    // A step's ratio on its way to the engine: the next tick looks again.
    if (this.gate.busy) return;
    const environments: Record<string, Observation> = {};
    for (const env of this.transition!.state.config.environments) {
      const seen = this.host.observe(env.name);
      if (seen) environments[env.name] = seen;
    }
    this.dispatch({ type: 'observe', now: this.clock.now(), environments, pause: this.host.pause() });
    // The shadow gate's progress rides on the same tick.
    if (this.running && this.view()!.waitingFor?.kind === 'shadow' && !this.gate.busy) {
      const status = this.host.shadowStatus?.() ?? null;
      this.dispatch({ type: 'shadow-progress', now: this.clock.now(), status, ...(status ? {} : { error: 'the shadow is gone (the profile stopped?)' }) });
    }
  }

  private dispatch(event: FlowEvent): void {
    if (!this.transition) throw new ContractError('CONFLICT', 'no update is running');
    if (this.gate.busy) throw new ContractError('CONFLICT', 'the last step\'s ratio is still being applied: try again in a moment');
    this.noticeHandRatio();
    const base = this.transition.state;
    const next = step(base, event);
    if (next.error) throw new ContractError('CONFLICT', next.error);
    this.gate.pass(next, () => this.transition?.state === base, (confirmed) => {
      this.apply(confirmed);
      this.schedule();
    });
  }

  /** A ratio set by hand since the flow's last change is told to the machine before anything else. */
  private noticeHandRatio(): void {
    const state = this.transition!.state;
    if (state.view.status !== 'running') return;
    const live = this.host.weights();
    if (sameWeights(live, state.weights)) return;
    this.apply(step(state, { type: 'ratio-seen', now: this.clock.now(), weights: live }));
  }

  private apply(transition: Transition): void {
    this.transition = transition;
    const { state, effects } = transition;
    const running = state.view.status === 'running';
    const at = `${state.view.status}|${state.view.current}|${state.view.waitingFor?.kind}|${state.deadline}`;
    // The ratio a step sets and the step itself are stored together: a crash between them
    // cannot leave a ratio the stored flow does not know about.
    this.host.atomically(() => {
      for (const effect of effects) this.execute(effect);
      if (effects.length > 0 || at !== this.persistedAt) this.host.persist(running ? state : null);
    });
    this.persistedAt = at;
    if (!this.running) this.stop();
    this.host.changed();
  }

  private execute(effect: FlowEffect): void {
    const { host } = this;
    switch (effect.type) {
      case 'set-ratio':
        return host.setRatio(effect.weights, effect.source, effect.action);
      case 'record':
        return host.record(effect.source, effect.action, effect.before, effect.after);
      case 'set-restore':
        return host.setRestoreWeights(effect.weights);
      case 'confirm-command':
        return host.confirmCommand(effect.env, effect.source);
      case 'update-drain':
        return host.updateDrain(effect.env, effect.step);
      case 'notice':
        return host.notice(effect.notice);
      case 'cancel-command':
        this.command?.abort();
        this.command = undefined;
        return;
      case 'run-command':
        return this.runCommand(effect.env, effect.command);
      case 'hold-traffic':
        void host.holdTraffic(effect.timeoutMs, effect.source).then(
          // The update ended while the hold was being put in place: it must not stay.
          () => (this.view()?.waitingFor?.kind === 'held' ? this.later({ type: 'hold-applied', now: this.clock.now() }) : this.execute({ type: 'release-traffic', source: 'auto' })),
          (error: unknown) => this.later({ type: 'hold-applied', now: this.clock.now(), error: error instanceof Error ? error.message : String(error) }),
        );
        return;
      case 'release-traffic':
        // A failed release leaves the pause in force and visible (header, status): a person resumes it.
        void host.releaseTraffic(effect.source).catch((error: unknown) => host.notice({ at: this.clock.now(), level: 'error', message: `Could not release the held requests: ${error instanceof Error ? error.message : String(error)}; resume by hand` }));
        return;
      case 'shadow-start':
        try {
          if (!host.shadowStart) throw new Error('this engine cannot shadow requests');
          host.shadowStart(effect.env, effect.percent);
        } catch (error) {
          this.later({ type: 'shadow-progress', now: this.clock.now(), status: null, error: error instanceof Error ? error.message : String(error) });
        }
        return;
      case 'shadow-stop':
        return host.shadowStop?.();
      case 'smoke':
        void (this.options.smoke ?? smokeRequest)(host.proxyUrl(), effect.env, effect.path, effect.expectStatus).then((result) => this.later({ type: 'smoke-done', now: this.clock.now(), ...result }));
        return;
    }
  }

  private runCommand(env: string, command: string): void {
    const controller = new AbortController();
    this.command = controller;
    const run = this.options.runCommand ?? runShellCommand;
    const onLine = (line: string): void => {
      if (this.command === controller) this.later({ type: 'command-output', line });
    };
    const running = this.host.runUpdate?.(env, command, onLine, controller.signal) ?? run(command, onLine, controller.signal);
    void running.then((result) => {
      if (this.command !== controller) return;
      this.command = undefined;
      this.later({ type: 'command-done', now: this.clock.now(), code: result.code, ...(result.error ? { error: result.error } : {}) });
    });
  }

  /** An asynchronous result: the flow may have moved on (aborted) meanwhile; then it is dropped. */
  private later(event: FlowEvent): void {
    if (this.gate.busy) return this.gate.after(() => this.later(event));
    if (!this.running) return;
    try {
      this.dispatch(event);
    } catch {
      // Refused because the flow moved on: nothing to do.
    }
  }

  private schedule(): void {
    if (!this.running || this.timer !== undefined) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (!this.running) return;
      this.observe();
      this.schedule();
    }, this.tickMs);
  }
}
