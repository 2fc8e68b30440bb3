import http from 'node:http';

export interface SteadyLoad {
  /** Stops sending, waits for the requests out, and returns every outcome. */
  stop(): Promise<{ ok: number; failures: string[]; servedBy: Record<string, number> }>;
}

/**
 * Keeps `concurrency` keep-alive GETs going until stop() or `maxMs` (a hard bound, so a
 * stuck flow fails its test instead of hanging it). Counts every response.
 */
export function startSteadyLoad(url: string, concurrency: number, maxMs: number): SteadyLoad {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const result = { ok: 0, failures: [] as string[], servedBy: {} as Record<string, number> };
  const deadline = Date.now() + maxMs;
  let stopped = false;
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const request = http.get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => {
          const by = String(res.headers['x-served-by']);
          result.servedBy[by] = (result.servedBy[by] ?? 0) + 1;
          if (res.statusCode === 200) result.ok++;
          else result.failures.push(`status ${res.statusCode} from ${by}`);
          resolve();
        });
        res.on('error', (error) => {
          result.failures.push(`response ${error.message}`);
          resolve();
        });
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        result.failures.push(`request ${error.code ?? error.message}`);
        resolve();
      });
    });
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
