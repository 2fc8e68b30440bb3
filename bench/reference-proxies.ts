/**
 * nginx and HAProxy as reference points, configured like Turnout in the bench: the same two
 * upstreams at weight 50 each, keep-alive upstream connections, X-Forwarded-* set, as many
 * workers as the Turnout target they are compared with (run.ts picks), logs off. Each runs
 * in the foreground from a temp dir with its own pid and error log, so nothing on the
 * machine is touched.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { freePort, spawnListening } from './processes';

export const NGINX = '/usr/sbin/nginx';
export const HAPROXY = '/usr/sbin/haproxy';

export interface RunningProxy {
  url: string;
  child: ChildProcess;
  /** Its temp dir (config, pid, logs), removed once it has stopped. */
  dir: string;
}

function tempDir(name: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `turnout-bench-${name}-`));
}

/** `tls`: the certificate and key for an HTTPS listener (HTTP/2 and HTTP/1.1 by ALPN), as Turnout's `--tls`. */
export async function startNginx(upstreamPorts: readonly number[], workers: number, tls?: { certFile: string; keyFile: string }): Promise<RunningProxy | undefined> {
  if (!existsSync(NGINX)) return undefined;
  const dir = tempDir('nginx');
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(dir, sub));
  const port = await freePort();
  const servers = upstreamPorts.map((p) => `    server 127.0.0.1:${p} weight=50;`).join('\n');
  const conf = `worker_processes ${workers};
daemon off;
master_process on;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream app {
${servers}
    keepalive 128;
  }
  server {
    listen 127.0.0.1:${port}${tls ? ' ssl http2' : ''};
${tls ? `    ssl_certificate ${tls.certFile};
    ssl_certificate_key ${tls.keyFile};
` : ''}    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;
      add_header X-Served-By $upstream_addr;
    }
  }
}
`;
  const file = path.join(dir, 'nginx.conf');
  writeFileSync(file, conf);
  // -e: the startup error log too goes to the temp dir, not /var/log.
  const child = await spawnListening(NGINX, ['-p', dir, '-c', file, '-e', path.join(dir, 'error.log')], port);
  return { url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}/`, child, dir };
}

export async function startHaproxy(upstreamPorts: readonly number[], workers: number): Promise<RunningProxy | undefined> {
  if (!existsSync(HAPROXY)) return undefined;
  const dir = tempDir('haproxy');
  const port = await freePort();
  const servers = upstreamPorts.map((p, i) => `  server s${i} 127.0.0.1:${p} weight 50`).join('\n');
  const conf = `global
  nbthread ${workers}
  pidfile ${dir}/haproxy.pid
defaults
  mode http
  timeout connect 5s
  timeout client 120s
  timeout server 60s
  option forwardfor
  http-reuse always
frontend bench
  bind 127.0.0.1:${port}
  default_backend app
backend app
  balance roundrobin
  http-response set-header X-Served-By %s
${servers}
`;
  const file = path.join(dir, 'haproxy.cfg');
  writeFileSync(file, conf);
  // -db: foreground, no daemon; one process with `nbthread` threads.
  const child = await spawnListening(HAPROXY, ['-db', '-f', file], port);
  return { url: `http://127.0.0.1:${port}/`, child, dir };
}
