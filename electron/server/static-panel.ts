import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

/** The built control panel (`npm run build:web`, run by `npm ci` through `prepare`). */
export const PANEL_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export const PANEL_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export type PanelHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export function createPanelHandler(dir = PANEL_DIR): PanelHandler {
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    return (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`The control panel is not built (${dir} is missing). Run: npm run build:web\n`);
    };
  }
  const serve = sirv(dir, {
    single: true,
    etag: true,
    setHeaders: (res) => {
      res.setHeader('content-security-policy', PANEL_CSP);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'no-referrer');
    },
  });
  return (req, res) => serve(req, res);
}
