import http from 'node:http';
import https from 'node:https';
import type { ProbeResult } from '../../../shared/contract/state';
import type { HealthCheck } from '../../../shared/domain/health-settings';

export interface ProbeTarget {
  url: string;
  check: HealthCheck;
  allowSelfSigned: boolean;
}

/**
 * One active health probe: a fresh connection (never a pooled one, so a dead listener
 * cannot hide behind a kept-alive socket), the configured method and path, and a deadline
 * covering connect, headers and body. Never rejects: failures are results.
 */
export function probe(target: ProbeTarget, now: () => number = Date.now): Promise<ProbeResult> {
  const { check } = target;
  const started = performance.now();
  const at = now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<ProbeResult, 'at' | 'ms'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve({ at, ms: Math.round(performance.now() - started), ...result });
    };
    const url = new URL(check.path, target.url);
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: check.method,
      agent: false,
      headers: { 'user-agent': 'turnout-health/1', connection: 'close' },
      rejectUnauthorized: !target.allowSelfSigned,
    });
    const timer = setTimeout(() => finish({ ok: false, error: `timeout after ${check.timeoutMs} ms` }), check.timeoutMs);
    request.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const ok = status >= check.expectStatusMin && status <= check.expectStatusMax;
      res.resume();
      res.on('end', () => finish(ok ? { ok, status } : { ok, status, error: `status ${status}` }));
      res.on('error', () => finish({ ok: false, status, error: 'response cut short' }));
    });
    request.on('error', (error: NodeJS.ErrnoException) => finish({ ok: false, error: error.code ?? error.message }));
    request.end();
  });
}
