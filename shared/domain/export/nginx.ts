import { frontTlsOf, header, listenHost, primaryOf, seconds, slug, upstreamOf, type ExportEnvironment, type ExportSource } from './source';

/** The upstream block `proxy_pass` uses by default; one more per environment serves pins and sticky clients. */
export function nginxUpstreamName(source: Pick<ExportSource, 'name'>): string {
  return `turnout_${slug(source.name).replace(/-/g, '_')}`;
}

/**
 * An `http {}`-level snippet (for conf.d/) carrying the profile: nginx's smooth weighted
 * round robin (the algorithm Turnout's own balancer follows), `backup` for failover,
 * passive health (max_fails: open-source nginx has no active checks), keep-alive to the
 * environments, and sticky sessions by cookie. Open-source nginx has no `sticky`
 * directive and `hash $cookie_…` would send every cookie-less client to one server, so a
 * pinned client is routed by a map to its environment's own upstream, and the cookie is
 * set from the address that served the response.
 */
export function nginxConfig(source: ExportSource): string {
  const base = nginxUpstreamName(source);
  const poolOf = (env: ExportEnvironment): string => `${base}_${env.name.replace(/-/g, '_')}`;
  const sticky = source.routing === 'sticky';
  const lines = [
    ...header('#', source, 'an nginx http{} snippet (include it from nginx.conf; nginx -t checks it)'),
    `upstream ${base} {`,
    ...source.environments.map((env) => `    ${mainServer(source, env)}`),
    '    keepalive 32;',
    '}',
    '',
    '# One upstream per environment: tester pins and sticky clients go here; the others are its',
    '# backups, so a pinned client whose environment is down is served elsewhere.',
    ...source.environments.flatMap((env) => [
      `upstream ${poolOf(env)} {`,
      `    ${serverLine(env, '')}`,
      ...source.environments.filter((other) => other !== env).map((other) => `    ${serverLine(other, ' backup')}`),
      '    keepalive 8;',
      '}',
    ]),
    '',
    '# Tester pins (docs/data-plane.md): header X-Turnout-Env, else cookie turnout_env. Remove for production.',
    `map $http_x_turnout_env ${'$'}${base}_pin {`,
    '    "" $cookie_turnout_env;',
    '    default $http_x_turnout_env;',
    '}',
    `map $cookie_turnout_sticky ${'$'}${base}_sticky {`,
    `    default ${base};`,
    ...(sticky ? source.environments.map((env) => `    ${env.name} ${poolOf(env)};`) : []),
    '}',
    `map ${'$'}${base}_pin ${'$'}${base}_pool {`,
    `    default ${'$'}${base}_sticky;`,
    ...source.environments.map((env) => `    ${env.name} ${poolOf(env)};`),
    '}',
    '# Which environment answered, from the address nginx used (X-Served-By, the sticky cookie).',
    `map $upstream_addr ${'$'}${base}_served {`,
    '    default "";',
    ...uniqueAddresses(source).map(([address, name]) => `    "${address}" ${name};`),
    '}',
    '',
    ...redirectServer(source),
    'server {',
    ...listenLines(source),
    `    keepalive_timeout ${seconds(source.proxy.clientKeepAliveTimeoutMs)}s;`,
    '    location / {',
    `        proxy_pass ${scheme(source)}://${'$'}${base}_pool;`,
    // HTTP/1.1 without "Connection: close" is what lets nginx reuse upstream connections.
    '        proxy_http_version 1.1;',
    '        proxy_set_header Connection "";',
    '        proxy_set_header Host $host;',
    '        proxy_set_header X-Forwarded-Proto $scheme;',
    `        proxy_connect_timeout ${seconds(source.proxy.connectTimeoutMs)}s;`,
    `        proxy_read_timeout ${seconds(source.proxy.responseTimeoutMs)}s;`,
    '        proxy_next_upstream error timeout;',
    ...(source.environments.some((env) => env.tls?.allowSelfSigned) ? [] : scheme(source) === 'https' ? ['        proxy_ssl_verify on;', '        proxy_ssl_server_name on;'] : []),
    ...(source.proxy.servedByHeader ? [`        add_header X-Served-By ${'$'}${base}_served always;`] : []),
    ...(sticky ? [`        add_header Set-Cookie "turnout_sticky=${'$'}${base}_served; Path=/; HttpOnly; SameSite=Lax" always;`] : []),
    '    }',
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

/** HTTPS (HTTP/2 + HTTP/1.1 by ALPN) when the profile has it; `listen … http2` is nginx < 1.25's spelling, still read by later ones. */
function listenLines(source: ExportSource): string[] {
  const tls = frontTlsOf(source);
  if (!tls) return [`    listen ${source.listen};`];
  return [`    listen ${source.listen} ssl http2;`, `    ssl_certificate ${tls.certFile};`, `    ssl_certificate_key ${tls.keyFile};`, '    ssl_protocols TLSv1.2 TLSv1.3;'];
}

/** The plain-HTTP listener that redirects to HTTPS (308 keeps a POST's method and body). */
function redirectServer(source: ExportSource): string[] {
  const tls = frontTlsOf(source);
  if (tls?.redirectHttpPort === undefined) return [];
  const port = source.listen.slice(source.listen.lastIndexOf(':') + 1);
  return ['server {', `    listen ${listenHost(source.listen)}:${tls.redirectHttpPort};`, `    return 308 https://$host:${port}$request_uri;`, '}', ''];
}

/** In the default upstream: weight 0 is `down` (nginx weights start at 1), failover uses `backup`. */
function mainServer(source: ExportSource, env: ExportEnvironment): string {
  if (source.routing === 'failover') return serverLine(env, env === primaryOf(source) ? '' : ' backup');
  return serverLine(env, env.weight === 0 ? ' down' : ` weight=${env.weight}`);
}

function serverLine(env: ExportEnvironment, suffix: string): string {
  const { health } = env;
  // Passive health only: `fall` failures mark it down for about as long as `rise` probes would take.
  const passive = health.enabled ? ` max_fails=${health.fall} fail_timeout=${seconds(health.intervalMs * health.rise)}s` : ' max_fails=0';
  return `server ${upstreamOf(env.url).address}${suffix}${passive};`;
}

/** nginx speaks one scheme per proxy_pass: https if any environment is HTTPS. */
function scheme(source: ExportSource): 'http' | 'https' {
  return source.environments.some((env) => upstreamOf(env.url).scheme === 'https') ? 'https' : 'http';
}

function uniqueAddresses(source: ExportSource): [string, string][] {
  const seen = new Map<string, string>();
  for (const env of source.environments) if (!seen.has(upstreamOf(env.url).address)) seen.set(upstreamOf(env.url).address, env.name);
  return [...seen];
}

/**
 * A whole nginx.conf around the snippet, with every path under `dir`: what `nginx -t` and
 * Turnout's nginx mode run, so no file outside `dir` is touched. One worker: smooth
 * weighted round robin is per worker, and one keeps the split exact.
 */
export function nginxStandaloneConfig(snippet: string, dir: string): string {
  return [
    'worker_processes 1;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log warn;`,
    'events { worker_connections 1024; }',
    'http {',
    '    access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `    ${kind}_temp_path ${dir}/${kind}_temp;`),
    ...snippet.split('\n').map((line) => (line === '' ? '' : `    ${line}`)),
    '}',
    '',
  ].join('\n');
}
