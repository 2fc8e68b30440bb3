import type http from 'node:http';
import { EVENT_NAMES } from '../../shared/contract/methods';
import type { ContractEventBus } from '../core/events';

const KEEPALIVE_MS = 15_000;

/** Server-sent events: every contract event, as `event: <name>` with JSON data. */
export function streamEvents(req: http.IncomingMessage, res: http.ServerResponse, bus: ContractEventBus, initial: Record<string, unknown>): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const send = (event: string, payload: unknown): void => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  };
  for (const [event, payload] of Object.entries(initial)) send(event, payload);
  const unsubscribes = EVENT_NAMES.map((event) => bus.on(event, (payload) => send(event, payload)));
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
  keepalive.unref();
  req.on('close', () => {
    clearInterval(keepalive);
    unsubscribes.forEach((unsubscribe) => unsubscribe());
  });
}
