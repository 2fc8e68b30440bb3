import type { FromWorker, WorkerGauges } from '../../../shared/contract/workers';
import type { MetricsRecorder } from '../metrics/metrics-recorder';
import type { HeldSummary } from '../proxy/request-gate';

/** Often enough that a drain is seen within a frame or two; rare enough to cost nothing at 10k req/s. */
const GAUGE_INTERVAL_MS = 20;

/**
 * Sends a worker's in-flight, open-WebSocket and open-stream counts to the primary: at most one message
 * per interval, only when something changed, and always the latest counts (the trailing
 * send is never skipped, so a drain that reaches zero is always reported).
 */
export class GaugeReporter {
  private timer: NodeJS.Timeout | undefined;
  private lastSent = '';

  constructor(
    private readonly names: () => readonly string[],
    private readonly metrics: MetricsRecorder,
    private readonly send: (message: FromWorker) => void,
    private readonly held: () => HeldSummary,
  ) {}

  changed(): void {
    this.timer ??= setTimeout(() => this.flush(), GAUGE_INTERVAL_MS);
  }

  private flush(): void {
    this.timer = undefined;
    const environments: Record<string, WorkerGauges> = {};
    for (const name of this.names()) {
      const meter = this.metrics.has(name) ? this.metrics.meter(name) : undefined;
      environments[name] = { inFlight: meter?.inFlight ?? 0, openWebSockets: meter?.openWebSockets ?? 0, openStreams: meter?.openStreams ?? 0 };
    }
    const held = this.held();
    const text = JSON.stringify([environments, held]);
    if (text === this.lastSent) return;
    this.lastSent = text;
    this.send({ type: 'gauges', environments, held });
  }
}
