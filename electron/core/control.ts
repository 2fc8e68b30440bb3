import path from 'node:path';
import { environmentNames, type Profile } from '../../shared/domain/profile';
import { presetsOf } from '../../shared/domain/presets';
import { validateWeights, type Weights } from '../../shared/domain/ratio';
import type { CallContext, ContractHandlers, MethodInput, MethodResults } from '../../shared/contract/methods';
import { exportProfileConfig } from './control/export-config';
import { DemoHandlers } from './demo/demo-handlers';
import { FlowHandlers } from './control/flow-handlers';
import { ManagedHandlers } from './environments/managed-handlers';
import { adopt } from './environments/adopt';
import { HistoryLog } from './control/history-log';
import type { LiveProfile } from './control/live-profile';
import { LiveSlot } from './control/live-slot';
import { flowPause, pauseView, setPaused } from './control/pause';
import { deletePreset, savePreset, type PresetHost } from './control/preset-handlers';
import { findPreset } from './control/presets';
import { probeNow } from './control/probe-now';
import { getRequest, listRequests, replayRequest } from './control/inspect-handlers';
import { tlsTrust } from './control/tls-trust';
import { shadowStart, shadowStatus, shadowStop } from './control/shadow-handlers';
import { changeRatio, weightsOf } from './control/ratio-change';
import { ProfileCatalog } from './control/profiles';
import { StatePublisher } from './control/state-publisher';
import { buildSnapshot } from './control/state-snapshot';
import { controlHooks } from './control/control-hooks';
import { ContractEventBus } from './events';
import type { Store } from './store/store';
import { byName } from './name-order';

type Result<M extends keyof MethodResults> = Promise<MethodResults[M]>;

/**
 * The control service: implements the contract over the store and the data plane. It is
 * the single source of truth; every change goes through it and is pushed as a `state`
 * event. Rules live in control/ (profiles, presets, history); this file wires them.
 */
export class ControlService implements ContractHandlers {
  readonly events = new ContractEventBus();
  private readonly log: HistoryLog;
  private readonly catalog: ProfileCatalog;
  private readonly slot: LiveSlot;
  private readonly state = new StatePublisher(this.events, (revision) =>
    buildSnapshot({ revision, profile: this.profile, live: this.live, cached: this.cached, flow: this.flow.view(), pause: pauseView(this.slot) }),
  );
  private cached = { profileNames: [] as string[], canUndo: false };
  /** Profile changes run one at a time: a delete or import must wait for a switch that is binding. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private profile: Profile,
  ) {
    this.log = new HistoryLog(store, this.events);
    this.catalog = new ProfileCatalog(store, this.log);
    this.slot = new LiveSlot(this.hooks);
  }

  /** The running profile's data plane (and demo apps), once started. */
  private get live(): LiveProfile | undefined {
    return this.slot.current;
  }

  /** Starts the profile's demo apps (if any) and the proxy listener. */
  async start(): Promise<void> {
    // A stored pause is restored before the first connection (never dropped: resume clears it).
    await this.slot.start(this.profile, this.store.pause.get());
    // An update that was running when Turnout last stopped (or crashed) goes on from where it was.
    this.flow.resume();
    this.publish();
  }

  async stop(): Promise<void> {
    this.state.stop();
    this.flow.stop();
    await this.slot.stop();
  }

  /** For /metrics: outside the contract, since it is text for scrapers, not a view's data. */
  prometheus(): string {
    return this.live?.prometheus() ?? '';
  }

  async getState(): Result<'getState'> {
    return this.state.current();
  }

  async setRatio(input: MethodInput<'setRatio'>, context: CallContext): Result<'setRatio'> {
    await this.changeRatio(validateWeights(input.weights, environmentNames(this.profile)), context, 'ratio', 'set');
    return this.state.current();
  }

  async undo(_input: MethodInput<'undo'>, context: CallContext): Result<'undo'> {
    return this.exclusive(async () => {
      const target = this.log.undoTarget(this.profile.name, environmentNames(this.profile));
      await this.changeRatio(target.weights, context, 'undo', `undo #${target.id}`, target.id);
      return this.state.current();
    });
  }

  readonly listProfiles: ContractHandlers['listProfiles'] = async () => this.catalog.summaries();

  async getProfile(input: MethodInput<'getProfile'>): Result<'getProfile'> {
    const profile = input.name === undefined || input.name === this.profile.name ? this.profile : this.catalog.require(input.name);
    return this.catalog.detail(profile, this.profile.name);
  }

  async createProfile(input: MethodInput<'createProfile'>, context: CallContext): Result<'createProfile'> {
    return this.catalogChange(() => this.catalog.detail(this.catalog.create(input.profile, context.source), this.profile.name));
  }

  async updateProfile(input: MethodInput<'updateProfile'>, context: CallContext): Result<'updateProfile'> {
    return this.exclusive(async () => {
      const next = input.profile;
      if (input.name !== this.profile.name) this.catalog.update(input.name, next, context.source);
      else {
        this.catalog.checkUpdate(input.name, next);
        await this.activate(next, () => this.catalog.update(input.name, next, context.source));
      }
      this.publish();
      return this.catalog.detail(next, this.profile.name);
    });
  }

  async deleteProfile(input: MethodInput<'deleteProfile'>, context: CallContext): Result<'deleteProfile'> {
    return this.catalogChange(() => {
      this.catalog.remove(input.name, this.profile.name, context.source);
      return { deleted: input.name };
    });
  }

  async duplicateProfile(input: MethodInput<'duplicateProfile'>, context: CallContext): Result<'duplicateProfile'> {
    return this.catalogChange(() => this.catalog.detail(this.catalog.duplicate(input.name, input.newName, context.source), this.profile.name));
  }

  async switchProfile(input: MethodInput<'switchProfile'>, context: CallContext): Result<'switchProfile'> {
    return this.exclusive(async () => {
      const from = this.profile.name;
      if (input.name === from) return this.state.current();
      const target = this.catalog.require(input.name);
      await this.activate(target, () =>
        this.log.commit((record) => {
          this.store.profiles.setActive(target.name);
          record({ source: context.source, kind: 'profile', action: 'switch', profile: target.name, before: from, after: target.name });
        }),
      );
      this.publish();
      return this.state.current();
    });
  }

  readonly exportProfiles: ContractHandlers['exportProfiles'] = async (input) => this.catalog.exportFile(input.names);

  async importProfiles(input: MethodInput<'importProfiles'>, context: CallContext): Result<'importProfiles'> {
    return this.catalogChange(() => ({ imported: this.catalog.importFile(input.file, input.overwrite, this.profile.name, context.source) }));
  }

  async listPresets(input: MethodInput<'listPresets'>): Result<'listPresets'> {
    return presetsOf(input.profile === undefined || input.profile === this.profile.name ? this.profile : this.catalog.require(input.profile));
  }

  async applyPreset(input: MethodInput<'applyPreset'>, context: CallContext): Result<'applyPreset'> {
    const preset = findPreset(this.profile, input.name);
    await this.changeRatio(preset.weights, context, 'ratio', `preset ${preset.name}`);
    return this.state.current();
  }

  async savePreset(input: MethodInput<'savePreset'>, context: CallContext): Result<'savePreset'> {
    return savePreset(this.presetHost(), input, context);
  }

  async deletePreset(input: MethodInput<'deletePreset'>, context: CallContext): Result<'deletePreset'> {
    return deletePreset(this.presetHost(), input, context);
  }

  readonly getHistory = async (input: MethodInput<'getHistory'>): Result<'getHistory'> => this.store.history.page(input);
  readonly getMetrics = async (input: MethodInput<'getMetrics'>): Result<'getMetrics'> => this.live?.metricsSeries(input.seconds) ?? [];

  async exportConfig(input: MethodInput<'exportConfig'>): Result<'exportConfig'> {
    const active = input.profile === undefined || input.profile === this.profile.name;
    return exportProfileConfig(active ? this.profile : this.catalog.require(input.profile!), input.format, active ? (name) => this.live?.urlOf(name) : undefined, path.dirname(this.store.file));
  }

  /** Pauses (hold, stop or close) or resumes the embedded proxy (control/pause.ts). */
  readonly setPaused: ContractHandlers['setPaused'] = (input, context) =>
    this.exclusive(() => setPaused(this.pauseDeps(), input, context.source)).then(() => this.state.current());
  private readonly pauseDeps = () => ({ slot: this.slot, log: this.log, stored: this.store.pause, profile: this.profile.name, changed: () => this.publish() });

  /** Demo mode (demo/demo-handlers.ts): refused unless the active profile is a demo, demoStart aside. */
  private readonly demo = new DemoHandlers({
    profile: () => this.profile,
    session: () => this.live?.demo,
    proxyUrl: () => this.live?.proxyUrl ?? '',
    changed: () => this.state.push(),
    control: this,
  });
  readonly demoStart: ContractHandlers['demoStart'] = (input, context) => this.demo.demoStart(input, context);
  readonly demoStatus: ContractHandlers['demoStatus'] = () => this.demo.demoStatus();
  readonly demoLoad: ContractHandlers['demoLoad'] = (input) => this.demo.demoLoad(input);
  readonly demoFault: ContractHandlers['demoFault'] = (input) => this.demo.demoFault(input);
  readonly demoCrash: ContractHandlers['demoCrash'] = (input) => this.demo.demoCrash(input);
  readonly demoRestart: ContractHandlers['demoRestart'] = (input) => this.demo.demoRestart(input);
  readonly demoNewVersion: ContractHandlers['demoNewVersion'] = (input) => this.demo.demoNewVersion(input);

  /** The guided update (flow/): a step machine driven by live events, acting through this service. */
  private flowDeps() {
    return { profile: () => this.profile, replaceProfile: (next: Profile) => void (this.profile = next), live: () => this.live, store: () => this.store, log: () => this.log };
  }
  private readonly flow = new FlowHandlers({
    ...this.flowDeps(),
    events: this.events,
    // A ratio an attached HAProxy refused is not stored; state.profile.dataPlane.problem says why.
    setRatio: (weights, source, action) => void this.changeRatio(weights, { source }, 'ratio', action).catch(() => undefined),
    changed: () => this.publish(),
    pause: flowPause(() => this.pauseDeps(), (work) => this.exclusive(work)),
  });
  readonly updateStart: ContractHandlers['updateStart'] = async (input, context) => this.flow.start(input, context.source);
  readonly updateNext: ContractHandlers['updateNext'] = async (input, context) => this.flow.next(input, context.source);
  readonly updateAbort: ContractHandlers['updateAbort'] = async (input, context) => this.flow.abort(input, context.source);
  readonly getUpdate: ContractHandlers['getUpdate'] = async () => this.flow.view();
  readonly probeEnvironment: ContractHandlers['probeEnvironment'] = (input) => probeNow(this.profile, this.live, input);
  readonly listRequests: ContractHandlers['listRequests'] = async (input) => listRequests(this.live?.inspector, input);
  readonly getRequest: ContractHandlers['getRequest'] = async (input) => getRequest(this.live?.inspector, input);
  readonly replayRequest: ContractHandlers['replayRequest'] = (input) => replayRequest(this.live, input);
  /** The local CA lives in the store's data dir, as the listener's (LiveHooks.dataDir). */
  readonly tlsTrust: ContractHandlers['tlsTrust'] = () => tlsTrust(path.dirname(this.store.file));
  readonly shadowStart: ContractHandlers['shadowStart'] = async (input) => shadowStart(this.live, input);
  readonly shadowStop: ContractHandlers['shadowStop'] = async () => shadowStop(this.live);
  readonly shadowStatus: ContractHandlers['shadowStatus'] = async () => shadowStatus(this.live);

  /** The environments the active profile runs itself (environments/): their output and restarts. */
  private readonly managed = new ManagedHandlers({ ...this.flowDeps(), changed: () => this.publish() });
  readonly environmentLogs: ContractHandlers['environmentLogs'] = (input) => this.managed.environmentLogs(input);
  readonly environmentRestart: ContractHandlers['environmentRestart'] = (input, context) => this.managed.environmentRestart(input, context.source);
  readonly adopt: ContractHandlers['adopt'] = (input, context) => adopt(input, context, { profile: () => this.profile, control: this });

  /** Resolves once the environment is drained (weight 0, nothing in flight or open). */
  whenDrained(name: string, signal?: AbortSignal): Promise<void> {
    return this.live!.whenDrained(name, signal);
  }

  private readonly hooks = controlHooks({ events: this.events, state: this.state, flow: this.flow, log: () => this.log, profileName: () => this.profile.name, dataDir: () => path.dirname(this.store.file) });

  /** Makes `next` the running profile (LiveSlot); `commit` stores the change once it runs. */
  private async activate(next: Profile, commit: () => void): Promise<void> {
    await this.slot.activate(this.profile, next, commit);
    this.profile = next;
  }

  /** Stores and applies a ratio (control/ratio-change.ts), then tells every view. */
  private async changeRatio(after: Weights, context: CallContext, kind: 'ratio' | 'undo', action: string, ref?: number): Promise<void> {
    const target = { profile: () => this.profile, live: this.live!, log: this.log, store: this.store };
    await changeRatio(target, after, { source: context.source, kind, action, ...(ref !== undefined ? { ref } : {}) }, (next) => {
      this.profile = next;
      this.publish();
    });
  }

  private presetHost(): PresetHost {
    const adopt = (next: Profile): void => {
      this.profile = next;
      this.publish();
    };
    return { profile: this.profile, weights: this.weights(), log: this.log, store: this.store, adopt };
  }

  /** A change of stored profiles only (nothing running changes): one at a time, then every view hears of it. */
  private catalogChange<T>(change: () => T): Promise<T> {
    return this.exclusive(async () => {
      const result = change();
      this.publish();
      return result;
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private weights(): Weights {
    return weightsOf(this.profile);
  }

  /** A change of configuration: refreshes what the snapshot reads from the store, then pushes. */
  private publish(): void {
    // The running profile counts even before startTurnout has stored it.
    const profileNames = [...new Set([...this.catalog.names(), this.profile.name])].sort(byName);
    this.cached = { profileNames, canUndo: this.log.canUndo(this.profile.name) };
    this.state.push();
  }
}
