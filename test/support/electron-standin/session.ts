import { record } from './record';

/**
 * session.defaultSession: the app's onHeadersReceived listener really decides the headers
 * of every file:// response the window gets (chromium.ts serves them through it), so its
 * CSP is enforced by Chromium. Permission handlers are only recorded: the stand-in cannot
 * show whether Electron would have asked them (no permission prompts are wired through).
 */
export interface HeadersDetails {
  url: string;
  method: string;
  resourceType: string;
  statusCode: number;
  responseHeaders: Record<string, string[]>;
}
type HeadersListener = (details: HeadersDetails, callback: (response: { cancel?: boolean; responseHeaders?: Record<string, string[] | string> }) => void) => void;

let headersListener: HeadersListener | undefined;

/** The headers a response leaves with, after the app's listener (none: as they came). */
export function applyHeadersListener(details: HeadersDetails): Promise<{ cancel: boolean; headers: Record<string, string> }> {
  return new Promise((resolve) => {
    const finish = (response: { cancel?: boolean; responseHeaders?: Record<string, string[] | string> }): void => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.responseHeaders ?? details.responseHeaders)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      resolve({ cancel: response.cancel === true, headers });
    };
    if (headersListener) headersListener(details, finish);
    else finish({});
  });
}

export const session = {
  defaultSession: {
    webRequest: {
      onHeadersReceived(listener: HeadersListener): void {
        record('session.onHeadersReceived');
        headersListener = listener;
      },
    },
    setPermissionRequestHandler(): void {
      record('session.setPermissionRequestHandler');
    },
    setPermissionCheckHandler(): void {
      record('session.setPermissionCheckHandler');
    },
  },
};
