import { splitListen, type Profile } from '../../../shared/domain/profile';
import { sameWeights, type Weights } from '../../../shared/domain/ratio';
import type { MetricsSample } from '../../../shared/contract/metrics';
import { ContractError } from '../../../shared/contract/errors';
import { DataPlane, type EnvironmentStatus } from '../data-plane';
import { createPlane } from '../external/create-plane';
import type { PlaneLike } from '../external/plane';
import type { UpdateDrainStep } from '../data-plane';
import type { HealthChange } from '../health/health-monitor';
import { dataPlaneConfig, type DataPlaneConfig } from '../data-plane-config';
import { DemoSession } from '../demo/demo-session';
import type { PauseSettings } from '../../../shared/domain/pause';
import type { HeldSummary } from '../proxy/request-gate';
import { ManagedEnvironments } from '../environments/managed-environments';
import type { LogLine } from '../../../shared/contract/managed';
import type { TlsFiles } from '../net/tls-files';
import { frontTls, FrontTlsExtras } from './front-tls';
import { appliesInPlace, handsOverAddress } from './profile-swap';
import { movePause } from './pause-transition';
import type { RequestRecord } from '../../../shared/contract/inspect';
import type { Inspector } from '../inspect/inspector';
import type { ShadowStatus } from '../../../shared/contract/shadow';

/** How long a profile's start waits for the apps it runs to answer their health check before it listens. */
export const MANAGED_READY_MS = 30_000;

const PAUSE_REFUSAL = (kind: string): string => `pausing is only available with the embedded proxy (this profile runs ${kind})`;

/** What the control service hears from a running profile. */
export interface LiveHooks {
  /** Counters moved (throttled by the listener). */
  onLiveChange(): void;
  onHealthChange(change: HealthChange): void;
  /** Once a second. */
  onMetrics(sample: MetricsSample): void;
  /** A managed environment's process changed state (environments/). */
  onManagedChange?(): void;
  onManagedLine?(environment: string, line: LogLine): void;
  /** The data dir, where the local CA lives (its tls/ folder; beside the database); without one HTTPS needs the user's own files. */
  dataDir?(): string;
  /** New request records, batched (the embedded proxy only). */
  onRequests?(batch: RequestRecord[]): void;
  /** Whether anyone listens to `requests` now: no views are built for nobody. */
  wantsRequests?(): boolean;
  /** The shadow compare's status changed (throttled, inspect/shadow-feed.ts). */
  onShadow?(status: ShadowStatus): void;
}

/**
 * The running side of the active profile: its data plane and, for a demo profile, the
 * demo apps it routes to. Switching profiles starts a new LiveProfile before the old one
 * is retired, so a listen address that fails leaves the old one serving.
 */
export class LiveProfile {
  private readonly dataPlane: PlaneLike;
  private demoSession = new DemoSession(() => this.proxyUrl);
  /** Where environments really are: a demo profile's apps run on ports picked at start. */
  private urls: Record<string, string> = {};
  /** The weights a confirming plane last confirmed; null after any unconfirmed apply. */
  private confirmed: Weights | null = null;
  /** The pause applied to this plane (control/pause.ts decides; null: not paused). */
  private pause: PauseSettings | null = null;
  /** The environments this profile runs itself (run/compose commands). */
  readonly managed: ManagedEnvironments;
  /** HTTPS only: the certificate kept current and the redirect listener. */
  private readonly https: FrontTlsExtras;

  private constructor(
    private profile: Profile,
    hooks: LiveHooks,
    tls?: TlsFiles,
  ) {
    this.https = new FrontTlsExtras(profile, hooks.dataDir?.());
    this.managed = new ManagedEnvironments({ onChange: () => hooks.onManagedChange?.(), onLine: (env, line) => hooks.onManagedLine?.(env, line) });
    this.dataPlane = createPlane(profile.dataPlane, () => hooks.onLiveChange(), tls);
    this.dataPlane.onHealthChange((change) => hooks.onHealthChange(change));
    this.dataPlane.onMetrics((sample) => hooks.onMetrics(sample));
    this.inspector?.onBatch((batch) => hooks.onRequests?.(batch), () => hooks.wantsRequests?.() ?? true);
    this.inspector?.shadow.onStatus((status) => hooks.onShadow?.(status));
  }

  /** The request inspector: only the embedded proxy sees each request (an external engine keeps its own logs). */
  get inspector(): Inspector | undefined {
    return this.dataPlane instanceof DataPlane ? this.dataPlane.inspector : undefined;
  }

  /**
   * Starts a profile: demo apps, then the data plane. With `listen: false` (embedded engine
   * only) the plane gets ready without binding; `listen()` binds it later.
   */
  static async start(profile: Profile, hooks: LiveHooks, options: { listen?: boolean; pause?: PauseSettings | null } = {}): Promise<LiveProfile> {
    const live = new LiveProfile(profile, hooks, await frontTls(profile, hooks.dataDir?.()));
    live.urls = Object.fromEntries(profile.environments.map((env) => [env.name, env.url]));
    try {
      if (profile.demo) Object.assign(live.urls, await live.demoSession.start(profile.environments));
      else await live.managed.sync(profile.environments, MANAGED_READY_MS);
      const { host, port } = splitListen(profile.listen);
      // A hold or stop is in place before the first connection, so no request slips past it.
      const pause = options.pause && live.dataPlane instanceof DataPlane ? options.pause : null;
      if (pause && pause.mode !== 'close') await live.applyPause(pause);
      if (options.listen !== false) {
        await live.dataPlane.start(host, port, live.planeConfig());
        await live.https.startRedirect(live.boundPort!);
      } else await live.embedded().prepare(live.planeConfig());
      live.https.watch(() => live.embedded().reloadTls());
      if (pause?.mode === 'close' && options.listen !== false) await live.applyPause(pause);
    } catch (error) {
      await live.https.stop();
      await live.dataPlane.stop();
      await live.demoSession.stop();
      await live.managed.stop();
      throw error;
    }
    return live;
  }

  /** Lets go of the listen address for a profile taking it over; kept-alive clients are not cut (net/listen.ts). */
  releaseAddress(): void {
    this.embedded().pause({ closeIdle: false });
  }

  /**
   * Binds the listener of a profile started with `listen: false`; `takeOver` is the port of
   * the listener it replaces, so a profile listening on "any free port" (0) keeps its URL.
   */
  async listen(takeOver?: number): Promise<void> {
    const { host, port } = splitListen(this.profile.listen);
    await this.embedded().listen(host, port === 0 && takeOver !== undefined ? takeOver : port);
    await this.https.startRedirect(this.boundPort!);
  }

  /** The port the proxy is bound to (from its URL), if it listens. */
  get boundPort(): number | undefined {
    return this.proxyUrl === '' ? undefined : Number(new URL(this.proxyUrl).port);
  }

  /** Whether `next` can be applied on this listener, or take over its address (profile-swap.ts). */
  swapFor(next: Profile): 'in-place' | 'hand-over' | 'beside' {
    if (appliesInPlace(this.profile, next)) return 'in-place';
    return handsOverAddress(this.profile, next, { embedded: this.dataPlane instanceof DataPlane, boundPort: this.boundPort }) ? 'hand-over' : 'beside';
  }

  /**
   * Applies another profile on the same listener, starting or stopping demo apps as
   * needed; the old demo apps stop only once traffic no longer goes to them.
   */
  async reconfigure(next: Profile): Promise<void> {
    const names = (profile: Profile): string => (profile.demo ? profile.environments.map((env) => env.name).join('\n') : '');
    if (names(next) === names(this.profile)) {
      if (!next.demo) await this.managed.sync(next.environments, MANAGED_READY_MS);
      this.apply(next);
      return;
    }
    const retired = this.demoSession;
    this.demoSession = new DemoSession(() => this.proxyUrl);
    const demoUrls = next.demo ? await this.demoSession.start(next.environments) : {};
    // The apps it runs answer their health check before traffic is sent to them.
    await this.managed.sync(next.demo ? [] : next.environments, MANAGED_READY_MS);
    this.profile = next;
    this.urls = { ...Object.fromEntries(next.environments.map((env) => [env.name, env.url])), ...demoUrls };
    this.dataPlane.apply(this.planeConfig());
    await retired.stop();
  }

  /** Swaps environments and weights in place: effective for the next request. */
  apply(next: Profile): void {
    this.profile = next;
    this.confirmed = null;
    if (!next.demo) this.urls = Object.fromEntries(next.environments.map((env) => [env.name, env.url]));
    this.dataPlane.apply(this.planeConfig());
    // A ratio change leaves the processes alone (nothing they run changed); a confirmed command starts.
    if (!next.demo) void this.managed.sync(next.environments, 0).catch(() => undefined);
  }

  /** Whether the plane confirms changes (an attached HAProxy): a ratio change is then stored only once applied. */
  get confirmsChanges(): boolean {
    return this.dataPlane.applyConfirmed !== undefined;
  }

  /** Applies `next` on a confirming plane; rejects (nothing counted as applied) with why it could not. */
  async applyConfirmed(next: Profile): Promise<void> {
    const urls = next.demo ? this.urls : Object.fromEntries(next.environments.map((env) => [env.name, env.url]));
    try {
      await this.dataPlane.applyConfirmed!(dataPlaneConfig(next, urls));
    } catch (error) {
      throw new ContractError('UNAVAILABLE', `not applied: ${(error as Error).message}`);
    }
    this.profile = next;
    this.urls = urls;
    this.confirmed = Object.fromEntries(next.environments.map((env) => [env.name, env.weight]));
  }

  /** Whether the confirming plane already has exactly these weights in force (the flow confirms a step's ratio before storing it). */
  inForce(weights: Weights): boolean {
    return this.confirmed !== null && sameWeights(this.confirmed, weights);
  }

  /** What stops the engine from being steered right now, or null. */
  get planeProblem(): string | null {
    return this.dataPlane.problem ?? null;
  }

  /** Stops the demo load, then accepting; in-flight requests finish (closeServer semantics), then demo apps stop. */
  async stop(quitting = false): Promise<void> {
    await this.demoSession.stopLoad();
    await this.https.stop();
    await this.dataPlane.stop();
    await this.demoSession.stop();
    await this.managed.stop(quitting);
  }

  /** The demo apps and load generator, while the profile is a demo. */
  get demo(): DemoSession | undefined {
    return this.profile.demo ? this.demoSession : undefined;
  }

  urlOf(name: string): string | undefined {
    return this.urls[name];
  }

  /** Where an environment of the running profile really is (a demo app's port, else the profile's URL). */
  environmentUrl(name: string): string | undefined {
    return this.urls[name] ?? this.profile.environments.find((env) => env.name === name)?.url;
  }

  status(name: string): EnvironmentStatus {
    return this.dataPlane.status(name);
  }

  /** The last `seconds` one-second samples, oldest first. */
  metricsSeries(seconds: number): MetricsSample[] {
    return this.dataPlane.metricsSeries().slice(-seconds);
  }

  /** Resolves once the environment has weight 0 and nothing in flight or open. */
  whenDrained(name: string, signal?: AbortSignal): Promise<void> {
    return this.dataPlane.whenDrained(name, signal);
  }

  /** One step of an update drain (data-plane.ts, UpdateDrainStep). */
  updateDrain(name: string, step: UpdateDrainStep): number {
    return this.dataPlane.updateDrain(name, step);
  }

  /** Prometheus text of the data plane's counters and latencies. */
  prometheus(): string {
    return this.dataPlane.prometheus();
  }

  get proxyUrl(): string {
    return this.dataPlane.proxyUrl;
  }

  get listening(): boolean {
    return this.dataPlane.listening;
  }

  /** The embedded proxy's affinity hint (external engines see no requests themselves). */
  get affinityHint(): string | null {
    return this.dataPlane instanceof DataPlane ? this.dataPlane.affinityHint : null;
  }

  /** Whether the listener is closed by a pause (`close` mode); a hold or stop keeps it open. */
  get paused(): boolean {
    return this.dataPlane instanceof DataPlane && this.dataPlane.paused;
  }

  /** Pauses or resumes the embedded proxy's listener; an external engine (HAProxy, nginx) is refused. */
  async setPaused(paused: boolean): Promise<void> {
    const plane = this.embedded(PAUSE_REFUSAL(this.profile.dataPlane.kind));
    if (paused) plane.pause();
    else await plane.resume();
  }

  /** The pause applied here, null if none. */
  get pauseSettings(): PauseSettings | null {
    return this.pause;
  }

  /** What a hold keeps waiting now. */
  get held(): HeldSummary {
    return this.dataPlane instanceof DataPlane ? this.dataPlane.held : { count: 0, oldestSince: null };
  }

  /** Moves from the pause applied now to `next` (null: resume); pause-transition.ts says in which order. */
  async applyPause(next: PauseSettings | null): Promise<void> {
    await movePause(this.embedded(PAUSE_REFUSAL(this.profile.dataPlane.kind)), this.pause, next);
    this.pause = next;
  }

  private embedded(refusal = `only the embedded proxy can do this (this profile runs ${this.profile.dataPlane.kind})`): DataPlane {
    if (!(this.dataPlane instanceof DataPlane)) throw new ContractError('CONFLICT', refusal);
    return this.dataPlane;
  }

  /** Routing, proxy settings, health checks and TLS of the profile, at the environments' real URLs. */
  private planeConfig(): DataPlaneConfig {
    return dataPlaneConfig(this.profile, this.urls);
  }
}
