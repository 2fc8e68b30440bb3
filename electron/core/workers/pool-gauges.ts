import type { MetricsRecorder } from '../metrics/metrics-recorder';
import type { HeldSummary } from '../proxy/request-gate';
import type { WorkerLink } from './worker-link';

/** Every environment's in-flight, WebSocket and stream counts as the sum over the live workers. */
export function sumWorkerGauges(metrics: MetricsRecorder, links: readonly WorkerLink[]): void {
  for (const name of metrics.names()) {
    const meter = metrics.meter(name);
    meter.inFlight = 0;
    meter.openWebSockets = 0;
    meter.openStreams = 0;
    for (const link of links) {
      const gauges = link.gauges[name];
      if (!gauges) continue;
      meter.inFlight += gauges.inFlight;
      meter.openWebSockets += gauges.openWebSockets;
      meter.openStreams += gauges.openStreams;
    }
  }
}

/** Requests held over all workers, and since when the oldest waits (within 20 ms of a change). */
export function heldOverWorkers(links: readonly WorkerLink[]): HeldSummary {
  let count = 0;
  let oldestSince: number | null = null;
  for (const link of links) {
    count += link.held.count;
    const since = link.held.oldestSince;
    if (since !== null && (oldestSince === null || since < oldestSince)) oldestSince = since;
  }
  return { count, oldestSince };
}
