import http from 'node:http';
import https from 'node:https';

export interface SmokeResult {
  ok: boolean;
  detail: string;
}

/**
 * One GET through Turnout's own proxy, pinned to `env` with the tester-pin header: it
 * proves the environment answers where users will reach it, at weight 0 included.
 */
export function smokeRequest(proxyUrl: string, env: string, path: string, expectStatus: number, timeoutMs = 10_000): Promise<SmokeResult> {
  return new Promise((resolve) => {
    const url = new URL(path, proxyUrl);
    // A profile with HTTPS on (front-tls) has an https:// listener. Its certificate is Turnout's
    // own (maybe for names other than this address): the smoke test is about the environment's answer.
    const get = url.protocol === 'https:' ? (https.get as typeof http.get) : http.get;
    const secure = url.protocol === 'https:' ? { rejectUnauthorized: false } : {};
    const request = get(url, { ...secure, headers: { 'x-turnout-env': env, 'user-agent': 'turnout-smoke' }, timeout: timeoutMs }, (response) => {
      response.resume();
      const servedBy = response.headers['x-served-by'];
      const status = response.statusCode ?? 0;
      if (servedBy !== undefined && servedBy !== env) resolve({ ok: false, detail: `answered by ${String(servedBy)}, not ${env}` });
      else if (status !== expectStatus) resolve({ ok: false, detail: `GET ${path} answered ${status}, expected ${expectStatus}` });
      else resolve({ ok: true, detail: `GET ${path} answered ${status}` });
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error) => resolve({ ok: false, detail: error.message }));
  });
}
