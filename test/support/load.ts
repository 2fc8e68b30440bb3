import http from 'node:http';

export interface LoadOptions {
  total: number;
  concurrency: number;
  /** Hard stop, so a broken proxy fails the test instead of hanging it. */
  maxMs: number;
  /** Run once when this many responses have come back (kill a backend, switch a ratio...). */
  hooks?: { after: number; run: () => unknown }[];
}

export interface LoadResult {
  done: number;
  ok: number;
  failures: string[];
  servedBy: Record<string, number>;
}

/** Sends `total` keep-alive GETs with `concurrency` workers and counts every outcome. */
export async function runLoad(url: string, options: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const result: LoadResult = { done: 0, ok: 0, failures: [], servedBy: {} };
  const hooks = [...(options.hooks ?? [])].sort((a, b) => a.after - b.after);
  const deadline = Date.now() + options.maxMs;
  let started = 0;
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const request = http.get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => {
          const by = String(res.headers['x-served-by']);
          result.servedBy[by] = (result.servedBy[by] ?? 0) + 1;
          if (res.statusCode === 200) result.ok++;
          else result.failures.push(`status ${res.statusCode}`);
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
    while (started < options.total && Date.now() < deadline) {
      started++;
      await one();
      result.done++;
      while (hooks.length > 0 && result.done >= hooks[0]!.after) await hooks.shift()!.run();
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  agent.destroy();
  return result;
}
