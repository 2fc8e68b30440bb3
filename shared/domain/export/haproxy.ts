import { frontTlsOf, header, listenHost, primaryOf, slug, upstreamOf, type ExportEnvironment, type ExportSource } from './source';

/** The frontend's bind: HTTPS with HTTP/2 + HTTP/1.1 by ALPN when the profile has it, plus the redirect listener. */
function bindLines(source: ExportSource): string[] {
  const tls = frontTlsOf(source);
  if (!tls) return [`    bind ${source.listen}`];
  return [
    ...(tls.certFile.endsWith('.crt') ? [] : ['    # HAProxy reads the key from the certificate file, or from NAME.key beside NAME.crt: concatenate them otherwise.']),
    `    bind ${source.listen} ssl crt ${tls.certFile} alpn h2,http/1.1`,
    ...(tls.redirectHttpPort !== undefined ? [`    bind ${listenHost(source.listen)}:${tls.redirectHttpPort}`, '    http-request redirect scheme https code 308 unless { ssl_fc }'] : []),
    '    http-request set-header X-Forwarded-Proto https if { ssl_fc }',
  ];
}

export interface HaproxyOptions {
  /** Where the runtime API listens (Turnout's HAProxy mode sets ratios through it). */
  statsSocket?: string;
}

/** Names the runtime API addresses: `set weight <backend>/<server>`. */
export function haproxyBackendName(source: Pick<ExportSource, 'name'>): string {
  return `turnout_${slug(source.name).replace(/-/g, '_')}`;
}

/**
 * A complete haproxy.cfg for the profile: weighted servers (HAProxy's roundrobin is
 * smooth like Turnout's), `backup` servers for failover, cookie persistence for sticky,
 * active checks from the environments' health settings, and idle-connection reuse.
 * Weight 0 means drain, as in Turnout: no new work, sticky clients keep their server.
 */
export function haproxyConfig(source: ExportSource, options: HaproxyOptions = {}): string {
  const backend = haproxyBackendName(source);
  const { proxy } = source;
  const first = source.environments[0]!;
  const check = first.health;
  const lines = [
    ...header('#', source, 'an HAProxy configuration (haproxy -c -f FILE checks it)'),
    'global',
    // Runtime weight changes need admin level; the socket is private to its owner.
    ...(options.statsSocket ? [`    stats socket ${options.statsSocket} mode 600 level admin`] : ['    # stats socket /run/haproxy/admin.sock mode 600 level admin  # lets `set weight` change ratios live']),
    '    maxconn 4096',
    // `crt x.pem` then finds its key in x.key (as Turnout writes them), not only in x.pem.key.
    ...(frontTlsOf(source) ? ['    ssl-load-extra-del-ext'] : []),
    '',
    'defaults',
    '    mode http',
    '    option http-keep-alive',
    `    timeout connect ${proxy.connectTimeoutMs}ms`,
    `    timeout server ${proxy.responseTimeoutMs}ms`,
    `    timeout client ${proxy.idleTimeoutMs}ms`,
    `    timeout http-keep-alive ${proxy.clientKeepAliveTimeoutMs}ms`,
    '    timeout http-request 30s',
    '',
    `frontend ${backend}_in`,
    ...bindLines(source),
    `    default_backend ${backend}`,
    '',
    `backend ${backend}`,
    '    balance roundrobin',
    // Idle server connections are shared between clients: the keep-alive agent of Turnout's proxy.
    '    http-reuse safe',
    ...(check.enabled
      ? [
          // HAProxy checks every server of a backend alike: the first environment's settings.
          '    option httpchk',
          `    http-check send meth ${check.method} uri ${check.path}`,
          `    http-check expect status ${statusList(check.expectStatusMin, check.expectStatusMax)}`,
          `    timeout check ${check.timeoutMs}ms`,
        ]
      : []),
    ...(source.routing === 'sticky' ? ['    cookie turnout_sticky insert indirect nocache httponly attr "SameSite=Lax"'] : []),
    ...(source.routing === 'failover' ? ['    # failover: the primary takes all; the first backup only while it is down'] : []),
    // Tester pins (docs/data-plane.md): override weights, never health. Remove for production.
    ...source.environments.map(
      (env) => `    use-server ${env.name} if { req.hdr(x-turnout-env) -m str ${env.name} } || { req.cook(turnout_env) -m str ${env.name} } || { url_param(turnout-env) -m str ${env.name} }`,
    ),
    ...(source.proxy.servedByHeader ? ['    http-response set-header X-Served-By %[srv_name]'] : []),
    ...source.environments.map((env) => `    ${serverLine(source, env)}`),
  ];
  return `${lines.join('\n')}\n`;
}

function serverLine(source: ExportSource, env: ExportEnvironment): string {
  const upstream = upstreamOf(env.url);
  const parts = [`server ${env.name} ${upstream.address}`, `weight ${env.weight}`];
  if (source.routing === 'sticky') parts.push(`cookie ${env.name}`);
  if (source.routing === 'failover' && env !== primaryOf(source)) parts.push('backup');
  const { health } = env;
  if (health.enabled) parts.push(`check inter ${health.intervalMs}ms rise ${health.rise} fall ${health.fall}`);
  if (health.enabled && health.passive5xx > 0) parts.push(`observe layer7 error-limit ${health.passive5xx} on-error mark-down`);
  if (upstream.scheme === 'https') {
    parts.push(env.tls?.allowSelfSigned ? 'ssl verify none' : 'ssl verify required ca-file @system-ca');
    if (!/^[[\d]/.test(upstream.host)) parts.push(`sni str(${upstream.host})`);
    if (health.enabled) parts.push('check-ssl');
  }
  return parts.join(' ');
}

/** "200-399" as HAProxy's status list; one code stays one code. */
function statusList(min: number, max: number): string {
  return min === max ? String(min) : `${min}-${max}`;
}
