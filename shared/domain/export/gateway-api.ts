import { frontTlsOf, header, primaryOf, slug, upstreamOf, type ExportSource } from './source';
import { toYaml } from './yaml';

export interface GatewayApiOptions {
  /** The Gateway the route attaches to (parentRefs); the user's own. */
  gateway?: string;
  namespace?: string;
}

/**
 * A Kubernetes Gateway API v1 `HTTPRoute` whose `backendRefs` carry the ratio as weights.
 * Each environment is taken to be a Service named like it, on the port of its URL. The
 * standard channel has no sticky sessions, failover or health checks in a route: those
 * are said in comments (Services' readiness probes do the health part).
 */
export function gatewayApiConfig(source: ExportSource, options: GatewayApiOptions = {}): string {
  const primary = primaryOf(source);
  const tls = frontTlsOf(source);
  const backendRefs = source.environments.map((env) => ({
    name: env.name,
    port: upstreamOf(env.url).port,
    // Failover as a route can say it: everything to the primary (switch by changing weights).
    weight: source.routing === 'failover' ? (env === primary ? 1 : 0) : env.weight,
  }));
  const route = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: {
      name: `turnout-${slug(source.name)}`,
      ...(options.namespace ? { namespace: options.namespace } : {}),
      labels: { 'app.kubernetes.io/managed-by': 'turnout' },
    },
    spec: {
      // With HTTPS, the route attaches to the Gateway's HTTPS listener (named "https" here).
      parentRefs: [{ name: options.gateway ?? 'turnout-gateway', ...(tls ? { sectionName: 'https' } : {}) }],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs }],
    },
  };
  return toYaml(route, [
    ...header('#', source, 'a Gateway API HTTPRoute (gateway.networking.k8s.io/v1)'),
    '# Each environment is a Service of the same name; parentRefs names your Gateway.',
    ...(tls
      ? [
          '# HTTPS terminates at the Gateway: a listener named "https" (protocol: HTTPS, tls.mode: Terminate)',
          `# whose certificateRefs name a TLS Secret: kubectl create secret tls turnout-${slug(source.name)}-tls --cert ${tls.certFile} --key ${tls.keyFile}`,
        ]
      : []),
    ...(source.routing === 'sticky' ? ['# Sticky sessions: not in the standard channel (see sessionPersistence, experimental).'] : []),
    ...(source.routing === 'failover' ? [`# Failover: all traffic to ${primary.name}; a route cannot fail over by health, so move the weights.`] : []),
  ]);
}
