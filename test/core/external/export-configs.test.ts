import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, exportConfig } from '../../../shared/domain/export';
import { nginxStandaloneConfig } from '../../../shared/domain/export/nginx';
import { profileSchema, type Profile, type RoutingMethod } from '../../../shared/domain/profile';
import { HAPROXY, hasHaproxy, hasNginx, NGINX, run } from '../../support/external-tools';
import { makeTempDir } from '../../support/temp-dir';

// js-yaml comes with the dev tools (electron-builder); it only reads the YAML back here.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/gateway-api-httproute-v1.schema.json'), 'utf8')) as object;

function profile(routing: RoutingMethod, overrides: Partial<Profile> = {}): Profile {
  return profileSchema.parse({
    name: 'Shop Checkout',
    listen: '127.0.0.1:18080',
    routing,
    demo: false,
    environments: [
      { name: 'blue', color: '#2f6fed', url: 'http://127.0.0.1:3001', weight: 70, health: { path: '/healthz', passive5xx: 3 } },
      { name: 'green', color: '#1f9d55', url: 'http://127.0.0.1:3002', weight: 30 },
      { name: 'canary-1', color: '#d97706', url: 'https://localhost:3443', weight: 0, tls: { allowSelfSigned: true } },
    ],
    ...overrides,
  });
}

const ROUTINGS: RoutingMethod[] = ['round-robin', 'sticky', 'failover'];
const temp = makeTempDir('turnout-export-');
afterAll(() => temp.cleanup());

describe('exports: the same profile as other engines see it', () => {
  it('is deterministic and names a file per format', () => {
    for (const format of EXPORT_FORMATS) {
      const first = exportConfig(profile('sticky'), format);
      expect(exportConfig(profile('sticky'), format)).toEqual(first);
      expect(first.filename).toMatch(/^turnout-shop-checkout\./);
    }
  });

  it.skipIf(!hasNginx).each(ROUTINGS)('nginx (%s) passes nginx -t (nginx not installed: apt-get install nginx-light)', async (routing) => {
    const dir = fs.mkdtempSync(path.join(temp.dir, 'nginx-'));
    const file = path.join(dir, 'nginx.conf');
    const { text } = exportConfig(profile(routing), 'nginx');
    fs.writeFileSync(file, nginxStandaloneConfig(text, dir));
    const result = await run(NGINX, ['-t', '-q', '-p', dir, '-c', file]);
    expect(result).toEqual({ code: 0, output: '' });
    expect(text).toContain('server 127.0.0.1:3001');
    if (routing === 'round-robin') expect(text).toMatch(/server 127\.0\.0\.1:3001 weight=70 max_fails=3/);
    if (routing === 'round-robin') expect(text).toMatch(/server localhost:3443 down/);
    if (routing === 'failover') expect(text).toMatch(/upstream turnout_shop_checkout \{\n {4}server 127\.0\.0\.1:3001 max_fails=3 fail_timeout=4s;\n {4}server 127\.0\.0\.1:3002 backup/);
    if (routing === 'sticky') expect(text).toContain('Set-Cookie "turnout_sticky=$turnout_shop_checkout_served');
    expect(text).toContain('keepalive 32;');
  });

  it('nginx -t refuses a broken config: the check is real', async () => {
    if (!hasNginx) return;
    const dir = fs.mkdtempSync(path.join(temp.dir, 'nginx-bad-'));
    fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxStandaloneConfig('upstream x { server 127.0.0.1:1 weight=0; }', dir));
    expect((await run(NGINX, ['-t', '-q', '-p', dir, '-c', path.join(dir, 'nginx.conf')])).code).not.toBe(0);
  });

  it.skipIf(!hasHaproxy).each(ROUTINGS)('HAProxy (%s) passes haproxy -c (haproxy not installed: apt-get install haproxy)', async (routing) => {
    const file = path.join(temp.dir, `haproxy-${routing}.cfg`);
    const { text } = exportConfig(profile(routing), 'haproxy');
    fs.writeFileSync(file, text);
    const result = await run(HAPROXY, ['-c', '-q', '-f', file]);
    expect(result).toEqual({ code: 0, output: '' });
    expect(text).toMatch(/server blue 127\.0\.0\.1:3001 weight 70 .*check inter 2000ms rise 2 fall 3 observe layer7 error-limit 3 on-error mark-down/);
    expect(text).toContain('http-check send meth GET uri /healthz');
    expect(text).toContain('http-reuse safe');
    expect(text).toContain('server canary-1 localhost:3443 weight 0');
    expect(text.includes('cookie turnout_sticky insert')).toBe(routing === 'sticky');
    expect(/server green .* backup/.test(text)).toBe(routing === 'failover');
  });

  it('Gateway API: an HTTPRoute that validates against the v1 schema, weights as backendRefs', () => {
    const validate = new Ajv({ allErrors: true, unknownFormats: 'ignore' }).compile(schema);
    for (const routing of ROUTINGS) {
      const route = yaml.load(exportConfig(profile(routing), 'gateway-api').text) as { spec: { rules: { backendRefs: unknown[] }[] } };
      expect([routing, validate(route), validate.errors ?? null]).toEqual([routing, true, null]);
      if (routing !== 'failover') {
        expect(route.spec.rules[0]!.backendRefs).toEqual([
          { name: 'blue', port: 3001, weight: 70 },
          { name: 'green', port: 3002, weight: 30 },
          { name: 'canary-1', port: 3443, weight: 0 },
        ]);
      }
    }
    // The schema is not a rubber stamp: a weight out of range or an unknown field fails.
    const bad = yaml.load(exportConfig(profile('round-robin'), 'gateway-api').text) as { spec: { rules: { backendRefs: { weight: number }[] }[]; extra?: boolean } };
    bad.spec.rules[0]!.backendRefs[0]!.weight = -1;
    expect(validate(bad)).toBe(false);
  });

  it('Traefik: a weighted service of health-checked load balancers, sticky cookie, failover chain', () => {
    type Services = Record<string, { weighted?: { services: unknown[]; sticky?: unknown }; loadBalancer?: { servers: unknown[]; healthCheck?: unknown }; failover?: { service: string; fallback: string } }>;
    const sticky = yaml.load(exportConfig(profile('sticky'), 'traefik').text) as { http: { routers: Record<string, { service: string }>; services: Services; serversTransports: unknown } };
    const top = sticky.http.services['turnout-shop-checkout']!;
    expect(sticky.http.routers['turnout-shop-checkout']!.service).toBe('turnout-shop-checkout');
    expect(top.weighted!.services).toEqual([
      { name: 'turnout-shop-checkout-blue', weight: 70 },
      { name: 'turnout-shop-checkout-green', weight: 30 },
      { name: 'turnout-shop-checkout-canary-1', weight: 0 },
    ]);
    expect(top.weighted!.sticky).toEqual({ cookie: { name: 'turnout_sticky', httpOnly: true, sameSite: 'lax' } });
    expect(sticky.http.services['turnout-shop-checkout-blue']!.loadBalancer).toMatchObject({ servers: [{ url: 'http://127.0.0.1:3001' }], healthCheck: { path: '/healthz', interval: '2s', timeout: '2s' } });
    expect(sticky.http.serversTransports).toEqual({ 'turnout-self-signed': { insecureSkipVerify: true } });
    const failover = yaml.load(exportConfig(profile('failover'), 'traefik').text) as { http: { services: Services } };
    expect(failover.http.services['turnout-shop-checkout']!.failover).toMatchObject({ service: 'turnout-shop-checkout-blue', fallback: 'turnout-shop-checkout-failover-1' });
    expect(failover.http.services['turnout-shop-checkout-failover-1']!.failover).toMatchObject({ service: 'turnout-shop-checkout-green', fallback: 'turnout-shop-checkout-canary-1' });
  });
});
