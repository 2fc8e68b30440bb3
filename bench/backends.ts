/**
 * The benchmark's upstreams, alone in their own process so their CPU never counts as the
 * proxy's. Each answers every request with the same small fixed body and default Node
 * keep-alive; ports go back to the parent over IPC as { ports }.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const names = (process.argv[2] ?? 'blue,green').split(',');
const ports: number[] = [];
for (const name of names) {
  const body = Buffer.from(`hello from ${name}\n`);
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length });
    res.end(body);
  });
  // Longer than a whole round (every target's run, while the others idle with pooled
  // upstream connections), so no proxy ever reuses a connection the backend is just closing.
  server.keepAliveTimeout = 600_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ports.push((server.address() as AddressInfo).port);
}
process.on('message', (message) => {
  if (message === 'stop') process.exit(0);
});
process.send?.({ ports });
