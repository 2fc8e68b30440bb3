import { Pool } from './undici-pool';
import { PROXY_DEFAULTS, type ForwarderTimeouts } from './upstream-agents';
import type { Upstream } from './forwarding';

/** Where one upstream's requests go: its pool and the path prefix of its URL (if any). */
export interface PoolTarget {
  readonly pool: Pool;
  /** The upstream URL's path without a trailing slash ('' for a bare origin), prepended to each request path as http-proxy does. */
  readonly prefix: string;
}

/**
 * One undici keep-alive Pool per upstream (URL plus its TLS switch). The three timeouts map
 * onto undici's own: connect (per new connection), headersTimeout (upstream silence before
 * headers) and bodyTimeout / keepAliveTimeout (a silent stream, an idle pooled socket).
 * Pools capture their options, so changed timeouts retire the old pools gracefully:
 * requests running on them finish, new requests get new pools.
 */
export class UpstreamPools {
  private readonly targets = new Map<string, PoolTarget & { url: string }>();
  private timeouts: ForwarderTimeouts = PROXY_DEFAULTS;

  configure(timeouts: ForwarderTimeouts): void {
    const was = this.timeouts;
    const changed = timeouts.connectTimeoutMs !== was.connectTimeoutMs || timeouts.responseTimeoutMs !== was.responseTimeoutMs || timeouts.idleTimeoutMs !== was.idleTimeoutMs;
    this.timeouts = { ...timeouts };
    if (changed) this.retire(() => true);
  }

  targetFor(upstream: Upstream): PoolTarget {
    const key = upstream.allowSelfSigned ? `${upstream.url} insecure` : upstream.url;
    let target = this.targets.get(key);
    if (!target) {
      target = this.create(upstream);
      this.targets.set(key, target);
    }
    return target;
  }

  /** Retires pools of upstreams no longer configured, closing their idle sockets. */
  retain(urls: readonly string[]): void {
    this.retire((url) => !urls.includes(url));
  }

  /** Closes the idle connections to one upstream now (running requests finish first); the next request opens new ones. */
  release(url: string): void {
    this.retire((target) => target === url);
  }

  close(): void {
    for (const target of this.targets.values()) target.pool.destroy().catch(() => undefined);
    this.targets.clear();
  }

  private retire(which: (url: string) => boolean): void {
    for (const [key, target] of this.targets) {
      if (!which(target.url)) continue;
      this.targets.delete(key);
      // close() lets running requests finish, then closes the sockets.
      target.pool.close().catch(() => undefined);
    }
  }

  private create(upstream: Upstream): PoolTarget & { url: string } {
    const url = new URL(upstream.url);
    const { connectTimeoutMs, responseTimeoutMs, idleTimeoutMs } = this.timeouts;
    const pool = new Pool(url.origin, {
      connections: 256,
      pipelining: 1,
      connect: { timeout: connectTimeoutMs, rejectUnauthorized: !upstream.allowSelfSigned },
      headersTimeout: responseTimeoutMs,
      bodyTimeout: idleTimeoutMs,
      // An upstream's shorter Keep-Alive hint still wins (undici honours it).
      keepAliveTimeout: idleTimeoutMs,
      keepAliveMaxTimeout: idleTimeoutMs,
    });
    const prefix = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
    return { pool, prefix, url: upstream.url };
  }
}
