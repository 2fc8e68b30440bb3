/**
 * One proxy worker process (a DataPlane with `workers` > 1 forks N of these through WorkerPool). It runs the same
 * ProxyServer as the in-process data plane on connections the primary accepts and hands
 * over, and answers the primary's messages (shared/contract/workers.ts). It never listens itself, never
 * probes and never samples: health and the one-second series live in the primary.
 */
import type { Socket } from 'node:net';
import type { FromWorker, MeterInterval, ToWorker, WorkerBoot, WorkerConfig } from '../../../shared/contract/workers';
import { MetricsRecorder } from '../metrics/metrics-recorder';
import { ProxyServer } from '../proxy/proxy-server';
import { RecordBatch } from '../inspect/record-batch';
import { GaugeReporter } from './gauge-reporter';
import { routingPhase } from './routing-phase';
import { WorkerHealth } from './worker-health';

const send = (message: FromWorker): void => {
  // The primary is gone (channel closed): this worker has nobody to serve for.
  if (!process.connected) process.exit(0);
  process.send!(message);
};

const boot = JSON.parse(process.argv[2] ?? '{"index":0,"of":1}') as WorkerBoot;
const health = new WorkerHealth(send);
const metrics = new MetricsRecorder();
let names: string[] = [];
// The hold's count travels with the gauges (proxy is set before the first flush, 20 ms on).
const gauges = new GaugeReporter(() => names, metrics, send, () => proxy.held);
// Records cross to the primary's inspector in batches, never one message per request.
const records = new RecordBatch((batch) => send({ type: 'records', records: batch }));
const proxy = new ProxyServer({
  records,
  health,
  metrics,
  headersTimeoutMs: boot.headersTimeoutMs,
  onLiveChange: () => gauges.changed(),
  onAffinity: (reason) => send({ type: 'affinity', reason }),
  tls: boot.tls,
});
const connections = new Set<Socket>();
let undoRetire: (() => void) | undefined;
let stopping = false;

function configure(config: WorkerConfig): void {
  names = config.environments.map((env) => env.name);
  health.configure(config.environments);
  proxy.configure({ routing: config.routing, settings: config.settings, environments: config.environments });
  proxy.router.advance(routingPhase(config.environments.map((env) => env.weight), boot.index, boot.of));
  gauges.changed();
}

function accept(socket: Socket): void {
  connections.add(socket);
  socket.once('close', () => {
    connections.delete(socket);
    if (stopping && connections.size === 0) process.exit(0);
  });
  // While paused or stopping, the retiring sweep (a server-wide request hook) covers it too.
  proxy.accept(socket);
}

function report(id: number): void {
  const environments: Record<string, MeterInterval> = {};
  for (const name of metrics.names()) environments[name] = metrics.meter(name).exportInterval();
  send({ type: 'report', id, environments });
}

process.on('message', (message: ToWorker, handle?: Socket) => {
  switch (message.type) {
    case 'configure':
      return configure(message.config);
    case 'health':
      return health.setDown(message.down);
    case 'connection':
      if (handle) accept(handle);
      return;
    case 'report':
      return report(message.id);
    case 'end-connections':
      proxy.endConnections(message.name);
      return;
    case 'cut-in-flight':
      return proxy.cutInFlight(message.name);
    case 'release-idle':
      return proxy.releaseIdle(message.name);
    case 'close-sessions':
      return proxy.closeSessions(message.names);
    case 'pause':
      undoRetire ??= proxy.retireConnections({ closeIdle: message.closeIdle });
      return;
    case 'hold':
      return proxy.hold(message.settings);
    case 'shadow':
      return proxy.sampleShadow(message.sampling);
    case 'reload-tls':
      try {
        proxy.reloadTls();
      } catch (error) {
        // The primary checked the pair first; a file changed again since keeps the old one here.
        console.error(`turnout: proxy worker ${process.pid}: ${(error as Error).message}`);
      }
      return;
    case 'resume':
      undoRetire?.();
      undoRetire = undefined;
      return;
    case 'stop':
      stopping = true;
      records.flush();
      proxy.answerHeld();
      undoRetire ??= proxy.retireConnections();
      if (connections.size === 0) process.exit(0);
      return;
  }
});
// The primary died without a word: nothing will hand this worker work again.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
