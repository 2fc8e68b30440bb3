import http from 'node:http';
import { closeServer, listenOn } from '../net/listen';

/**
 * The two tiny apps a demo profile runs in place of the user's own: each answers with its
 * name and version, so anyone opening the proxy URL sees which environment served them.
 */
export class DemoApps {
  private readonly servers: http.Server[] = [];

  async start(environments: readonly { name: string; color: string }[]): Promise<Record<string, string>> {
    const urls: Record<string, string> = {};
    for (const [index, env] of environments.entries()) {
      const version = `v${index + 1}`;
      const server = http.createServer((req, res) => {
        if (req.url?.startsWith('/api')) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ environment: env.name, version }));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(demoPage(env.name, env.color, version));
      });
      const port = await listenOn(server, '127.0.0.1', 0);
      this.servers.push(server);
      urls[env.name] = `http://127.0.0.1:${port}`;
    }
    return urls;
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.splice(0).map((server) => closeServer(server)));
  }
}

function demoPage(name: string, color: string, version: string): string {
  const title = `${version} ${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  return `<!doctype html><meta charset="utf-8"><title>${title}</title>
<body style="margin:0;display:grid;place-items:center;height:100vh;background:${color};color:#fff;font:600 10vmin system-ui">${title}</body>`;
}
