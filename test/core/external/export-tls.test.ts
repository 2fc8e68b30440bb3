import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportConfig } from '../../../shared/domain/export';
import { nginxStandaloneConfig } from '../../../shared/domain/export/nginx';
import { profileSchema, type Profile } from '../../../shared/domain/profile';
import { exportProfileConfig } from '../../../electron/core/control/export-config';
import { LocalCa } from '../../../electron/core/net/local-ca';
import { HAPROXY, hasHaproxy, hasNginx, NGINX, run } from '../../support/external-tools';
import { makeTempDir } from '../../support/temp-dir';

const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const temp = makeTempDir('turnout-export-tls-');
let files: { certFile: string; keyFile: string };

function profile(tls: Record<string, unknown>): Profile {
  return profileSchema.parse({
    name: 'Secure Shop',
    listen: '127.0.0.1:18443',
    routing: 'round-robin',
    demo: false,
    environments: [
      { name: 'blue', color: '#2f6fed', url: 'http://127.0.0.1:3001', weight: 70 },
      { name: 'green', color: '#1f9d55', url: 'http://127.0.0.1:3002', weight: 30 },
    ],
    tls,
  });
}

beforeAll(async () => {
  // A real certificate and key (the local CA's leaf, written where Turnout keeps it): nginx -t and haproxy -c load them.
  const ca = new LocalCa(path.join(temp.dir, 'tls'));
  await ca.leaf([]);
  files = ca.leafFiles;
});
afterAll(() => temp.cleanup());

describe('exports carry HTTPS (HTTP/2 + HTTP/1.1), checked by the engines themselves', () => {
  it.skipIf(!hasNginx)('nginx: listen … ssl http2 with the certificate, X-Forwarded-Proto, a 308 redirect server; nginx -t passes', async () => {
    const { text } = exportConfig(profile({ enabled: true, ...files, redirectHttpPort: 18080 }), 'nginx');
    expect(text).toContain('listen 127.0.0.1:18443 ssl http2;');
    expect(text).toContain(`ssl_certificate ${files.certFile};`);
    expect(text).toContain(`ssl_certificate_key ${files.keyFile};`);
    expect(text).toContain('proxy_set_header X-Forwarded-Proto $scheme;');
    expect(text).toContain('listen 127.0.0.1:18080;\n    return 308 https://$host:18443$request_uri;');
    const dir = fs.mkdtempSync(path.join(temp.dir, 'nginx-'));
    fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxStandaloneConfig(text, dir));
    const result = await run(NGINX, ['-t', '-q', '-p', dir, '-c', path.join(dir, 'nginx.conf')]);
    // nginx ≥ 1.25 warns that "listen … http2" is deprecated; it still accepts it.
    expect(result.code).toBe(0);
  });

  it.skipIf(!hasHaproxy)('HAProxy: bind … ssl crt with ALPN h2,http/1.1, the key found beside the certificate, a 308 redirect; haproxy -c passes', async () => {
    const { text } = exportConfig(profile({ enabled: true, ...files, redirectHttpPort: 18080 }), 'haproxy');
    expect(text).toContain(`bind 127.0.0.1:18443 ssl crt ${files.certFile} alpn h2,http/1.1`);
    expect(text).toContain('bind 127.0.0.1:18080\n    http-request redirect scheme https code 308 unless { ssl_fc }');
    const file = path.join(temp.dir, 'haproxy.cfg');
    fs.writeFileSync(file, text);
    expect(await run(HAPROXY, ['-c', '-q', '-f', file])).toEqual({ code: 0, output: '' });
  });

  it('Traefik: the router has tls and the certificate is listed; Gateway API: the route attaches to the HTTPS listener', () => {
    const source = profile({ enabled: true, ...files });
    const traefik = yaml.load(exportConfig(source, 'traefik').text) as { http: { routers: Record<string, { tls?: object }> }; tls: { certificates: object[] } };
    expect(traefik.http.routers['turnout-secure-shop']!.tls).toEqual({});
    expect(traefik.tls.certificates).toEqual([files]);
    const route = exportConfig(source, 'gateway-api').text;
    expect((yaml.load(route) as { spec: { parentRefs: object[] } }).spec.parentRefs).toEqual([{ name: 'turnout-gateway', sectionName: 'https' }]);
    expect(route).toContain(`kubectl create secret tls turnout-secure-shop-tls --cert ${files.certFile} --key ${files.keyFile}`);
  });

  it('a profile on the local CA exports the leaf where this Turnout keeps it; without HTTPS nothing changes', () => {
    const local = exportProfileConfig(profile({ enabled: true }), 'nginx', undefined, temp.dir).text;
    expect(local).toContain(`ssl_certificate ${files.certFile};`);
    const plain = exportConfig(profile({}), 'nginx').text;
    expect(plain).toContain('listen 127.0.0.1:18443;');
    expect(plain).not.toContain('ssl');
  });
});
