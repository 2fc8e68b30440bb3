import http from 'node:http';
import { countedGet, type Tally } from './load';

export interface SteadyLoad {
  /** Stops sending, waits for the requests out, and returns every outcome. */
  stop(): Promise<Tally>;
}

/**
 * Keeps `concurrency` keep-alive GETs going until stop() or `maxMs` (a hard bound, so a
 * stuck flow fails its test instead of hanging it). Counts every response.
 */
export function startSteadyLoad(url: string, concurrency: number, maxMs: number): SteadyLoad {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const result: Tally = { ok: 0, failures: [], servedBy: {} };
  const deadline = Date.now() + maxMs;
  let stopped = false;
  const one = (): Promise<void> => countedGet(url, agent, result);
  const worker = async (): Promise<void> => {
    while (!stopped && Date.now() < deadline) {
      await one();
      // Yield a little: steady traffic, not a benchmark on a shared two-core machine.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  };
  const workers = Promise.all(Array.from({ length: concurrency }, worker));
  return {
    async stop() {
      stopped = true;
      await workers;
      agent.destroy();
      return result;
    },
  };
}
