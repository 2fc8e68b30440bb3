import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Backend {
  name: string;
  url: string;
  server: http.Server;
  /** Requests this backend has answered, health probes (user-agent turnout-health) aside. */
  hits: number;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 that answers every request with its own name. `port`
 * restarts a stopped backend where it was, as a redeployed app would come back.
 */
export async function startBackend(name: string, handler?: http.RequestListener, port = 0): Promise<Backend> {
  const backend = { name, hits: 0 } as Backend;
  const server = http.createServer((req, res) => {
    if (!req.headers['user-agent']?.startsWith('turnout-health')) backend.hits++;
    if (handler) {
      handler(req, res);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(name);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  backend.server = server;
  backend.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  backend.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return backend;
}

/**
 * Sends a GET to `url` and resolves once one of `backends` has received it, so the request
 * is really in flight there (a fixed pause before the change under test is a guess that a
 * busy machine loses). `response` settles with the status and body.
 */
export async function startInFlight(url: string, backends: Backend[]): Promise<{ response: Promise<{ status: number; body: string }> }> {
  const hits = () => backends.reduce((sum, backend) => sum + backend.hits, 0);
  const before = hits();
  const response = fetch(url).then(async (answer) => ({ status: answer.status, body: await answer.text() }));
  let failed: unknown;
  response.catch((error: unknown) => (failed = error));
  const deadline = Date.now() + 10_000;
  while (hits() === before) {
    // The request's own failure says more than a timeout would.
    if (failed !== undefined) throw failed;
    if (Date.now() > deadline) throw new Error(`GET ${url} never reached a backend`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { response };
}

/** Sends `count` sequential GETs and returns which environment served each (X-Served-By). */
export async function servedBy(url: string, count: number): Promise<string[]> {
  const served: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(url);
    await response.arrayBuffer();
    served.push(response.headers.get('x-served-by') ?? `status ${response.status}`);
  }
  return served;
}

/** A GET on a connection of its own (no keep-alive reuse): with proxy workers, each lands on the next worker. */
export function getOnNewConnection(url: string): Promise<{ status: number; servedBy: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, servedBy: String(res.headers['x-served-by']) }));
      })
      .on('error', reject);
  });
}

/**
 * `count` sequential GETs on one keep-alive connection opened now (not the shared fetch
 * pool, whose idle connections may date from before a change under test).
 */
export async function servedByOnOneConnection(url: string, count: number): Promise<string[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const served: string[] = [];
    for (let i = 0; i < count; i++) {
      served.push(
        await new Promise<string>((resolve, reject) => {
          http
            .get(url, { agent }, (res) => {
              res.resume();
              res.on('end', () => resolve(String(res.headers['x-served-by'] ?? `status ${res.statusCode}`)));
            })
            .on('error', reject);
        }),
      );
    }
    return served;
  } finally {
    agent.destroy();
  }
}

export function tally(names: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of names) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}
