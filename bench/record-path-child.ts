/**
 * One side of bench/record-path.ts: synthetic proxied requests with the recording path as
 * the proxy runs it, or without it. argv[2] is "on" or "off". Each request is a real
 * http.IncomingMessage (fresh header strings, as Node's parser makes them) and a real
 * http.ServerResponse whose header block is built by Node's own writeHead (the same
 * concatenated string the proxy's record keeps); `IN_FLIGHT` of them are alive at once, as
 * under wrk -c50, so they survive scavenges as real requests do. "on" adds exactly what
 * recording adds to an exchange (exchange.ts): the socket's bytesWritten when it begins, the
 * route reason, recordOf() and Inspector.add() into a ring at its default capacity.
 * On { block: n } it runs n requests and answers { cpuUs } (process CPU, GC threads included).
 */
import http from 'node:http';
import { Socket } from 'node:net';
import { INSPECT_DEFAULTS } from '../shared/domain/inspect-settings';
import { Router } from '../electron/core/balancer/router';
import { Inspector } from '../electron/core/inspect/inspector';
import { recordOf } from '../electron/core/inspect/record-of';
import { requestIdOf } from '../electron/core/inspect/request-id';

const recording = process.argv[2] === 'on';
const IN_FLIGHT = 50;
const inspector = new Inspector();
inspector.configure({ ...INSPECT_DEFAULTS, capacity: Number(process.argv[3] ?? INSPECT_DEFAULTS.capacity) });
const router = new Router({ isUp: () => true });
router.configure('round-robin', [
  { name: 'blue', weight: 50 },
  { name: 'green', weight: 50 },
]);
const socket = new Socket();
// The bytes a request line and headers arrive as; header strings are cut from it per request.
const wire = Buffer.from('GET/items/0123456789?page=2Host127.0.0.1:38211User-Agentwrk/4.2Accept*/*Connectionkeep-alive', 'latin1');
const cut = (from: number, to: number): string => wire.toString('latin1', from, to);
const upstreamHeaders = Buffer.from('content-typetext/plaincontent-length17', 'latin1');

interface Pending {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  started: number;
  writtenBefore: number;
}

function begin(): Pending {
  const req = new http.IncomingMessage(socket);
  req.method = 'GET';
  req.url = cut(3, 27);
  req.rawHeaders = [cut(27, 31), cut(31, 46), cut(46, 56), cut(56, 63), cut(63, 69), cut(69, 72), cut(72, 82), cut(82, 92)];
  for (let h = 0; h < req.rawHeaders.length; h += 2) req.headers[req.rawHeaders[h]!.toLowerCase()] = req.rawHeaders[h + 1];
  const started = performance.now();
  return { req, res: new http.ServerResponse(req), started, writtenBefore: recording ? socket.bytesWritten : 0 };
}

function finish({ req, res, started, writtenBefore }: Pending, i: number): void {
  // The upstream's headers, fresh strings as undici hands them, plus Turnout's own, through Node's writeHead.
  const h = upstreamHeaders;
  const environment = i % 2 ? 'blue' : 'green';
  const own = ['x-served-by', environment, 'x-request-id', requestIdOf(req)];
  res.writeHead(200, [h.toString('latin1', 0, 12), h.toString('latin1', 12, 22), h.toString('latin1', 22, 36), h.toString('latin1', 36, 38), ...own]);
  if (!recording) return;
  inspector.add(recordOf(req, res, { started, answeredAt: performance.now(), attempts: 1, environment, reason: router.reasonFor(req, environment), writtenBefore }));
}

const window: Pending[] = [];
let counter = 0;
function run(n: number): void {
  for (let k = 0; k < n; k++) {
    const i = counter++;
    const slot = i % IN_FLIGHT;
    const done = window[slot];
    if (done) finish(done, i);
    window[slot] = begin();
  }
}

process.on('message', (message: 'stop' | { block?: number }) => {
  if (message === 'stop') process.exit(0);
  if (message.block === undefined) return;
  const before = process.cpuUsage();
  run(message.block);
  const used = process.cpuUsage(before);
  process.send!({ cpuUs: used.user + used.system, held: inspector.list({ limit: 1 }).held });
});
process.send!({ ready: true });
