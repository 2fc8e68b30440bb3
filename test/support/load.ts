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
  const one = (): Promise<void> => countedGet(url, agent, result);
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

export interface Tally {
  ok: number;
  failures: string[];
  servedBy: Record<string, number>;
}

/** One keep-alive GET, counted into `tally` by outcome and by X-Served-By; never rejects. */
export function countedGet(url: string, agent: http.Agent, tally: Tally): Promise<void> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => {
        const by = String(res.headers['x-served-by']);
        tally.servedBy[by] = (tally.servedBy[by] ?? 0) + 1;
        if (res.statusCode === 200) tally.ok++;
        else tally.failures.push(`status ${res.statusCode} from ${by}`);
        resolve();
      });
      res.on('error', (error) => {
        tally.failures.push(`response ${error.message}`);
        resolve();
      });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      tally.failures.push(`request ${error.code ?? error.message}`);
      resolve();
    });
  });
}
