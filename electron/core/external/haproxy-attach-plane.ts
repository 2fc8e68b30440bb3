import type { HaproxyAttach } from '../../../shared/domain/haproxy-attach';
import type { UpdateDrainStep } from '../data-plane';
import { resolveConfig, type DataPlaneConfig, type DataPlaneEnvironment, type ResolvedConfig } from '../data-plane-config';
import { askRuntime, checkAttach } from './haproxy-attach-check';
import { checkRuntimeAnswer, parseShowStat } from './haproxy-runtime';
import type { PlaneLike } from './plane';
import { TrackedPlane } from './tracked-plane';

const POLL_MS = 250;

type ServerState = 'drain' | 'maint' | 'ready';

/**
 * An HAProxy that already runs elsewhere (a team's staging balancer), steered through its
 * runtime API only: `set weight` for ratios, `set server … state drain|maint|ready` for an
 * update, `show stat` for status. Its config is never written and it is never reloaded or
 * stopped; the profile's listen address is where its frontend is, for links only.
 * Only `applyConfirmed` changes what counts as applied, so a change the socket refused (or
 * could not carry) is the caller's error, not Turnout's belief (docs/external-data-planes.md).
 */
export class HaproxyAttachPlane extends TrackedPlane implements PlaneLike {
  /** What HAProxy confirmed last; a refused change leaves it as it was. */
  private config: ResolvedConfig = resolveConfig([]);
  /** Servers Turnout put in drain or maint: they get `state ready` when they get weight again. */
  private readonly heldByTurnout = new Set<string>();
  /** Server states the socket could not carry (it went away): sent again when it answers. */
  private readonly unsent = new Map<string, ServerState>();
  private resending = false;
  private queue: Promise<void> = Promise.resolve();
  private poller: NodeJS.Timeout | undefined;
  private sampler: NodeJS.Timeout | undefined;
  private reachable = false;
  private trouble: string | null = null;
  private url = '';

  constructor(
    private readonly mode: HaproxyAttach,
    private readonly onLiveChange: () => void = () => undefined,
  ) {
    super(onLiveChange);
  }

  /** Reads what is there (refusing with one line if it does not fit), then sets the profile's weights. */
  async start(host: string, port: number, config: DataPlaneConfig | readonly DataPlaneEnvironment[]): Promise<string> {
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    const next = resolveConfig(config);
    await checkAttach(this.mode, next.environments.map((env) => env.name));
    this.reachable = true;
    await this.applyConfirmed(next);
    await this.poll();
    this.poller = setInterval(() => void this.poll(), POLL_MS).unref();
    this.sampler = setInterval(() => this.tracker.sample(), 1000).unref();
    return this.url;
  }

  /** Fire and forget (profile edits); a failure shows as `problem`. Ratio changes use applyConfirmed. */
  apply(config: DataPlaneConfig | readonly DataPlaneEnvironment[]): void {
    this.applyConfirmed(config).catch(() => undefined);
  }

  /** Sets the weights on HAProxy, in order after earlier changes; rejects (nothing counted as applied) if it could not. */
  applyConfirmed(config: DataPlaneConfig | readonly DataPlaneEnvironment[]): Promise<void> {
    const next = resolveConfig(config);
    return this.enqueue(async () => {
      await this.setWeights(next);
      this.config = next;
      this.tracker.setWeights(new Map(next.environments.map((env) => [env.name, env.weight])));
    });
  }

  /**
   * The guided update on HAProxy's own server states: `begin` → drain (sticky clients still
   * reach it, new ones do not), `release` (drained) → maint for the update, `updated` → ready
   * at weight 0, so HAProxy's own checks verify it before it gets traffic; weight again →
   * ready too. The other steps have no runtime-API counterpart among the commands Turnout
   * sends, so they do nothing; the drain ends when HAProxy counts no current sessions on the
   * server. A state the socket could not carry is sent again once it answers.
   */
  updateDrain(name: string, step: UpdateDrainStep): number {
    const state = step === 'begin' ? 'drain' : step === 'release' ? 'maint' : step === 'updated' ? 'ready' : undefined;
    if (state && this.mode.servers[name] !== undefined) this.enqueue(() => this.setState(name, state)).catch(() => undefined);
    return 0;
  }

  /** Whether the runtime API answers now. */
  get listening(): boolean {
    return this.reachable;
  }

  /** Why the attached HAProxy cannot be steered right now (unreachable socket, refused change), or null. */
  get problem(): string | null {
    return this.trouble;
  }

  get proxyUrl(): string {
    return this.url;
  }

  /** Stops polling; HAProxy is left exactly as it is (it is not Turnout's to stop). */
  async stop(): Promise<void> {
    clearInterval(this.poller);
    clearInterval(this.sampler);
    this.tracker.drains.cancelAll();
    await this.queue.catch(() => undefined);
  }

  /** Environments that get weight first (ready, then weight), those going to 0 last: never all at 0 between. */
  private async setWeights(config: ResolvedConfig): Promise<void> {
    const ordered = [...config.environments].sort((a, b) => Number(a.weight === 0) - Number(b.weight === 0));
    for (const env of ordered) {
      const target = `${this.mode.backend}/${this.serverOf(env.name)}`;
      if (env.weight > 0 && (this.heldByTurnout.has(env.name) || this.unsent.has(env.name))) await this.setState(env.name, 'ready');
      await this.send(`set weight ${target} ${env.weight}`);
    }
  }

  private async setState(name: string, state: ServerState): Promise<void> {
    this.unsent.set(name, state);
    await this.send(`set server ${this.mode.backend}/${this.serverOf(name)} state ${state}`);
    this.unsent.delete(name);
    if (state === 'ready') this.heldByTurnout.delete(name);
    else this.heldByTurnout.add(name);
  }

  /** The states asked for while the socket was away, in order after anything queued. */
  private resendStates(): void {
    if (this.unsent.size === 0 || this.resending) return;
    this.resending = true;
    this.enqueue(async () => {
      for (const [name, state] of [...this.unsent]) await this.setState(name, state);
    })
      .catch(() => undefined)
      .finally(() => (this.resending = false));
  }

  private serverOf(name: string): string {
    const server = this.mode.servers[name];
    if (server === undefined) throw new Error(`environment "${name}" has no HAProxy server: add --haproxy-server ${name}=SERVER`);
    return server;
  }

  /** One command; a refusal or a lost socket is an error, and shows as `problem` until the next success. */
  private async send(command: string): Promise<void> {
    try {
      checkRuntimeAnswer(command, await askRuntime(this.mode.socket, command));
    } catch (error) {
      this.trouble = (error as Error).message;
      this.onLiveChange();
      throw error;
    }
    if (this.trouble !== null) {
      this.trouble = null;
      this.onLiveChange();
    }
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Reads `show stat`; a socket that went away is said so and retried at the next tick, nothing assumed changed. */
  private async poll(): Promise<void> {
    try {
      const text = await askRuntime(this.mode.socket, 'show stat');
      // No header: the connection closed before HAProxy answered (a tunnel going away), not "no servers".
      if (!text.startsWith('# ')) throw new Error(`no answer from the HAProxy runtime API at ${this.mode.socket} (the connection closed first)`);
      const rows = parseShowStat(text);
      const byServer = new Map(Object.entries(this.mode.servers).map(([env, server]) => [server, env]));
      const mine = rows.filter((row) => row.backend === this.mode.backend && byServer.has(row.server)).map((row) => ({ ...row, server: byServer.get(row.server)! }));
      const back = !this.reachable;
      this.reachable = true;
      if (back) this.trouble = null;
      this.tracker.setConnected(true);
      this.tracker.update(mine);
      if (back) this.onLiveChange();
      this.resendStates();
    } catch (error) {
      // Said once per reason (a cut mid-answer first, then refused connections): views hear of a change only.
      const trouble = `${(error as Error).message} (retrying every ${POLL_MS} ms; the last weights it confirmed are shown)`;
      if (trouble !== this.trouble) {
        this.trouble = trouble;
        this.onLiveChange();
      }
      this.reachable = false;
      this.tracker.setConnected(false);
    }
  }
}
