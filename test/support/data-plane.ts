import { DataPlane, type DataPlaneOptions } from '../../electron/core/data-plane';
import type { DataPlaneConfig } from '../../electron/core/data-plane-config';
import type { HealthCheck } from '../../shared/domain/health-settings';

/** Probes fast enough for tests to see a restart within a second. */
export const FAST_HEALTH: Partial<HealthCheck> = { intervalMs: 100, timeoutMs: 500, rise: 2, fall: 1 };

export interface RunningPlane {
  plane: DataPlane;
  url: string;
  port: number;
}

export async function startPlane(config: DataPlaneConfig, options: DataPlaneOptions = {}): Promise<RunningPlane> {
  const plane = new DataPlane(() => undefined, options);
  const url = await plane.start('127.0.0.1', 0, config);
  return { plane, url, port: Number(new URL(url).port) };
}

/** Polls until `check` holds or `ms` pass; returns whether it held. Bounded, never spins. */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 5000, every = 50): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, every));
  }
  return check();
}

/** A GET through the proxy: status, X-Served-By, Set-Cookie and body. */
export async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  const body = await response.text();
  return { status: response.status, servedBy: response.headers.get('x-served-by'), setCookie: response.headers.get('set-cookie'), body };
}
