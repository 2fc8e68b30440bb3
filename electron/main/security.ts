import type { Session } from 'electron';

// Types only from electron (erased at build), like the other helpers here.

/** Permissions the window may use: copying to the clipboard. Everything else is refused. */
const ALLOWED_PERMISSIONS = new Set<string>(['clipboard-sanitized-write']);

/**
 * Production hardening for the window's session: a Content-Security-Policy header on our
 * file:// pages (the same policy `turnout serve` sends with the panel), and no permission
 * prompts. Not used with the dev server, whose hot reload needs inline scripts.
 *
 * Chromium has no response headers for file:// in some versions; a <meta> CSP in
 * renderer/index.html is the belt to these braces.
 */
export function hardenSession(session: Session, csp: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!details.url.startsWith('file:')) {
      callback({});
      return;
    }
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp], 'X-Content-Type-Options': ['nosniff'] } });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)));
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
}

/** What Electron's `web-contents-created` hands over, narrowed to what the guard uses. */
export interface ContentsLike {
  getType(): string;
  on(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): void;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
}

/**
 * Defence in depth for any web contents the app did not mean to have (a future dialog, a
 * stray window): no navigation, no redirects, no pop-ups, no <webview>. The main window adds
 * its own, narrower rules (window.ts), which run alongside these.
 */
export function denyStrayContents(contents: ContentsLike): void {
  if (contents.getType() === 'window') return;
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
