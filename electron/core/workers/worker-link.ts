import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import type { FromWorker, MeterInterval, ToWorker, WorkerGauges } from '../../../shared/contract/workers';
import type { RawRecord } from '../inspect/raw-record';

/** A worker that says nothing for this long after its fork is broken (its output says why). */
const READY_TIMEOUT_MS = 20_000;
/** A report not back by then is not waited for: it lands in the next second. */
const REPORT_TIMEOUT_MS = 500;

/** What the primary hears from one worker besides answers. */
export interface WorkerEvents {
  gauges(link: WorkerLink): void;
  /** A worker's counts since its previous report (a late answer still counts, a second later). */
  interval(environments: Record<string, MeterInterval>): void;
  connectFailure(name: string, reason: string): void;
  affinity(reason: string): void;
  /** A batch of request records for the primary's inspector. */
  records(records: RawRecord[]): void;
  passiveDown(name: string, reason: string): void;
  exit(link: WorkerLink, code: number | null, signal: NodeJS.Signals | null): void;
}

/**
 * The primary's end of one worker process: typed sends, the worker's latest gauges, and
 * report requests answered by id. Everything it receives is routed to WorkerEvents.
 */
export class WorkerLink {
  gauges: Record<string, WorkerGauges> = {};
  held: { count: number; oldestSince: number | null } = { count: 0, oldestSince: null };
  private readonly reports = new Map<number, () => void>();
  private nextReport = 0;
  readonly ready: Promise<void>;
  exited = false;
  readonly startedAt = Date.now();
  /** Configured and ready: only then is it handed connections (one sent earlier would find no environments). */
  serving = false;

  constructor(
    readonly child: ChildProcess,
    private readonly events: WorkerEvents,
  ) {
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`proxy worker ${child.pid} did not start within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`proxy worker exited (code ${code}) before it was ready`));
      });
      child.on('message', (message: FromWorker) => {
        if (message.type !== 'ready') return;
        clearTimeout(timer);
        resolve();
      });
    });
    // The start path awaits `ready`; a rejection nobody awaits (a crash later) is not an error.
    this.ready.catch(() => undefined);
    child.on('message', (message: FromWorker) => this.receive(message));
    // A send to a worker that just died fails here, not as an uncaught error in Turnout.
    child.on('error', (error) => console.error(`turnout: proxy worker ${child.pid}: ${error.message}`));
    child.once('exit', (code, signal) => {
      this.exited = true;
      for (const answered of this.reports.values()) answered();
      this.reports.clear();
      this.gauges = {};
      this.held = { count: 0, oldestSince: null };
      events.exit(this, code, signal);
    });
  }

  send(message: ToWorker): void {
    if (this.exited || !this.child.connected) return;
    this.child.send(message);
  }

  /** Hands a client connection over; the primary's copy closes once it is sent. */
  handOver(socket: Socket): boolean {
    if (!this.serving || this.exited || !this.child.connected) return false;
    this.child.send({ type: 'connection' } satisfies ToWorker, socket, { keepOpen: false });
    return true;
  }

  /** Asks for the worker's counts; resolves once they arrived (see WorkerEvents.interval) or the wait is over. */
  report(): Promise<void> {
    if (this.exited) return Promise.resolve();
    const id = ++this.nextReport;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.reports.delete(id);
        resolve();
      }, REPORT_TIMEOUT_MS);
      this.reports.set(id, () => {
        clearTimeout(timer);
        resolve();
      });
      this.send({ type: 'report', id });
    });
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        return;
      case 'gauges':
        this.gauges = message.environments;
        this.held = message.held;
        return this.events.gauges(this);
      case 'report': {
        this.events.interval(message.environments);
        const answered = this.reports.get(message.id);
        this.reports.delete(message.id);
        return answered?.();
      }
      case 'connect-failure':
        return this.events.connectFailure(message.name, message.reason);
      case 'passive-down':
        return this.events.passiveDown(message.name, message.reason);
      case 'affinity':
        return this.events.affinity(message.reason);
      case 'records':
        return this.events.records(message.records as RawRecord[]);
    }
  }
}

/** A worker still serving its connections this long after stop is killed (a stream may never end). */
const STOP_GRACE_MS = 30_000;

/** Asks a worker to stop (it finishes its connections), killing it after STOP_GRACE_MS. */
export function stopWorker(link: WorkerLink): Promise<void> {
  if (link.exited) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => link.child.kill('SIGKILL'), STOP_GRACE_MS);
    link.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (link.child.connected) link.send({ type: 'stop' });
    else link.child.kill('SIGTERM');
  });
}
