import type { DrainMeter } from '../../../shared/contract/flow';
import type { DrainClock, Observation } from './plan';

/** The running drain as every view shows it: live counts beside the schedule that ends them. */
export function drainMeter(clock: DrainClock, seen: Observation | null, sticky: boolean): DrainMeter {
  return {
    inFlight: seen?.inFlight ?? 0,
    streams: seen?.openStreams ?? 0,
    webSockets: seen?.openWebSockets ?? 0,
    sticky,
    sessionsAt: clock.sessionsAt,
    sessionsClosed: clock.sessionsClosed,
    connectionsAt: clock.connectionsAt,
    connectionsEnded: clock.connectionsEnded,
    cutAt: clock.cutAt,
  };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const seconds = (at: number, now: number): string => `${Math.max(0, Math.ceil((at - now) / 1000))} s`;

/**
 * One line: what is still open and when each kind is ended, e.g. "blue: 2 requests in flight
 * (1 event stream), 6 WebSockets open; sticky clients move in 4 s; WebSockets and streams
 * close in 8 s; the rest is cut in 28 s ('update next' finishes now)".
 */
export function drainMessage(env: string, meter: DrainMeter, now: number): string {
  const open = `${env}: ${plural(meter.inFlight, 'request')} in flight${meter.streams ? ` (${plural(meter.streams, 'event stream')})` : ''}, ${plural(meter.webSockets, 'WebSocket')} open`;
  const parts = [open];
  if (meter.sticky) parts.push(meter.sessionsClosed ? 'sticky clients moved' : `sticky clients move in ${seconds(meter.sessionsAt, now)}`);
  parts.push(meter.connectionsEnded ? 'WebSockets and streams closed' : `WebSockets and streams close in ${seconds(meter.connectionsAt, now)}`);
  parts.push(now >= meter.cutAt ? 'the rest was cut' : `the rest is cut in ${seconds(meter.cutAt, now)}`);
  return `${parts.join('; ')} ('update next' finishes now)`;
}
