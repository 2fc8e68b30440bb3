import { frontTlsOf, header, primaryOf, seconds, slug, type ExportEnvironment, type ExportSource } from './source';
import { toYaml, type YamlValue } from './yaml';

const INSECURE_TRANSPORT = 'turnout-self-signed';

/**
 * Traefik dynamic configuration (file provider, v2.9+/v3): a router to a `weighted`
 * service of one `loadBalancer` per environment, each with the environment's health
 * check; sticky routing adds a sticky cookie, failover a chain of `failover` services.
 */
export function traefikConfig(source: ExportSource): string {
  const base = `turnout-${slug(source.name)}`;
  const serviceOf = (env: ExportEnvironment): string => `${base}-${env.name}`;
  const services: Record<string, YamlValue> = {};
  const tls = frontTlsOf(source);
  const top = source.routing === 'failover' ? failoverChain(source, base, serviceOf, services) : weighted(source, serviceOf);
  services[base] = top;
  for (const env of source.environments) services[serviceOf(env)] = { loadBalancer: loadBalancer(env) };
  const document: YamlValue = {
    http: {
      routers: { [base]: { rule: 'PathPrefix(`/`)', service: base, ...(tls ? { tls: {} } : {}) } },
      services,
      ...(source.environments.some((env) => env.tls?.allowSelfSigned) ? { serversTransports: { [INSECURE_TRANSPORT]: { insecureSkipVerify: true } } } : {}),
    },
    // The listener's certificate (Traefik picks it by SNI; entry points and the HTTP→HTTPS redirect are static configuration).
    ...(tls ? { tls: { certificates: [{ certFile: tls.certFile, keyFile: tls.keyFile }] } } : {}),
  };
  return toYaml(document, [
    ...header('#', source, 'Traefik dynamic configuration (file provider)'),
    '# Tester pins (X-Turnout-Env) are a Turnout feature and are not exported here.',
    ...(tls?.redirectHttpPort !== undefined ? [`# HTTPS: redirect the plain-HTTP entry point (port ${tls.redirectHttpPort}) with entryPoints.<name>.http.redirections in the static configuration.`] : []),
  ]);
}

function weighted(source: ExportSource, serviceOf: (env: ExportEnvironment) => string): YamlValue {
  return {
    weighted: {
      services: source.environments.map((env) => ({ name: serviceOf(env), weight: env.weight })),
      // A weighted service follows its children's health only when it has a healthCheck.
      healthCheck: {},
      ...(source.routing === 'sticky' ? { sticky: { cookie: { name: 'turnout_sticky', httpOnly: true, sameSite: 'lax' } } } : {}),
    },
  };
}

/** Traefik's failover takes two services; more environments nest: primary → (next → …). */
function failoverChain(source: ExportSource, base: string, serviceOf: (env: ExportEnvironment) => string, services: Record<string, YamlValue>): YamlValue {
  const primary = primaryOf(source);
  const order = [primary, ...source.environments.filter((env) => env !== primary)];
  let fallback = serviceOf(order.at(-1)!);
  for (let index = order.length - 2; index >= 1; index--) {
    const name = `${base}-failover-${index}`;
    services[name] = { failover: { service: serviceOf(order[index]!), fallback, healthCheck: {} } };
    fallback = name;
  }
  return { failover: { service: serviceOf(primary), fallback, healthCheck: {} } };
}

function loadBalancer(env: ExportEnvironment): YamlValue {
  const { health } = env;
  return {
    servers: [{ url: env.url }],
    passHostHeader: true,
    ...(health.enabled
      ? {
          healthCheck: {
            path: health.path,
            method: health.method,
            interval: `${seconds(health.intervalMs)}s`,
            timeout: `${seconds(health.timeoutMs)}s`,
          },
        }
      : {}),
    // Local dev servers with self-signed certificates, as the profile allows.
    ...(env.tls?.allowSelfSigned ? { serversTransport: INSECURE_TRANSPORT } : {}),
  };
}
