import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IpcInvokeEventLike } from './ipc-handlers';

/** Where our renderer lives: the built files, or (development only) the electron-vite dev server. */
export interface RendererLocation {
  rendererDir: string;
  devServerUrl?: string;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** True for a page of our app: a file inside the built renderer, or the dev server's origin. */
export function isAppUrl(url: string, location: RendererLocation): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (location.devServerUrl && parsed.origin === parse(location.devServerUrl)?.origin) return true;
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
  let file: string;
  try {
    file = fileURLToPath(parsed);
  } catch {
    return false;
  }
  const relative = path.relative(path.resolve(location.rendererDir), file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The IPC sender check: only frames showing our own renderer may call the contract. */
export function createSenderCheck(location: RendererLocation): (event: IpcInvokeEventLike) => boolean {
  return (event) => typeof event.senderFrame?.url === 'string' && isAppUrl(event.senderFrame.url, location);
}

/** Links we hand to the user's browser: plain web pages only, never file:, javascript: or custom schemes. */
export function isExternalWebUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed?.protocol === 'http:' || parsed?.protocol === 'https:';
}

/** Same document, ignoring the #fragment: the only navigation the window allows. */
export function isSameDocument(current: string, target: string): boolean {
  const a = parse(current);
  const b = parse(target);
  if (!a || !b) return false;
  a.hash = '';
  b.hash = '';
  return a.href === b.href;
}
