import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ELECTRON_NATIVE_BINDING, resolveAppPaths } from '../../electron/main/app-paths';
import { createSenderCheck, isAppUrl, isExternalWebUrl, isSameDocument } from '../../electron/main/trust';
import { makeTempDir } from '../support/temp-dir';

const rendererDir = path.resolve('/opt/turnout/out/renderer');
const page = pathToFileURL(path.join(rendererDir, 'index.html')).href;

describe('which pages count as the Turnout window', () => {
  it.each([
    [page, true],
    [`${page}#/profiles`, true],
    [pathToFileURL(path.join(rendererDir, 'assets', 'index.js')).href, true],
    [pathToFileURL(rendererDir).href, false],
    [pathToFileURL(path.join(rendererDir, '..', 'main', 'index.js')).href, false],
    [pathToFileURL('/opt/turnout/out/renderer-evil/index.html').href, false],
    ['file://some-host/opt/turnout/out/renderer/index.html', false],
    ['http://127.0.0.1:5173/', false],
    ['https://example.com/', false],
    ['not a url', false],
  ])('%s -> %s', (url, trusted) => {
    expect(isAppUrl(url, { rendererDir })).toBe(trusted);
  });

  it('trusts the dev server only by its exact origin, and only when given', () => {
    const location = { rendererDir, devServerUrl: 'http://localhost:5173' };
    expect(isAppUrl('http://localhost:5173/src/main.tsx', location)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', location)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', location)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', { rendererDir })).toBe(false);
  });

  it('checks the sending frame, refusing events without one', () => {
    const trusted = createSenderCheck({ rendererDir });
    expect(trusted({ senderFrame: { url: page } })).toBe(true);
    expect(trusted({ senderFrame: { url: 'https://example.com/' } })).toBe(false);
    expect(trusted({ senderFrame: null })).toBe(false);
    expect(trusted({})).toBe(false);
  });
});

describe('navigation rules', () => {
  it('allows only the same document (a #fragment change)', () => {
    expect(isSameDocument(page, `${page}#environments`)).toBe(true);
    expect(isSameDocument(`${page}#a`, page)).toBe(true);
    expect(isSameDocument(page, pathToFileURL('/etc/passwd').href)).toBe(false);
    expect(isSameDocument(page, 'https://example.com/')).toBe(false);
  });

  it('hands only http(s) links to the browser', () => {
    expect(isExternalWebUrl('https://github.com/')).toBe(true);
    expect(isExternalWebUrl('http://127.0.0.1:8800/')).toBe(true);
    expect(isExternalWebUrl('file:///etc/passwd')).toBe(false);
    expect(isExternalWebUrl('javascript:alert(1)')).toBe(false);
    expect(isExternalWebUrl('smb://host/share')).toBe(false);
  });
});

describe('app paths', () => {
  it('finds the built preload and renderer beside the main bundle', () => {
    const paths = resolveAppPaths('/app/out/main', '/app', {});
    expect(paths.preload).toBe(path.join('/app/out/preload/index.cjs'));
    expect(paths.rendererDir).toBe(path.join('/app/out/renderer'));
    expect(paths.nativeBinding).toBeUndefined();
  });

  it('uses the Electron-ABI addon when it has been built, or TURNOUT_NATIVE_BINDING', () => {
    const temp = makeTempDir();
    try {
      const addon = path.join(temp.dir, ELECTRON_NATIVE_BINDING);
      fs.mkdirSync(path.dirname(addon), { recursive: true });
      fs.writeFileSync(addon, '');
      expect(resolveAppPaths(path.join(temp.dir, 'out', 'main'), temp.dir, {}).nativeBinding).toBe(addon);
      expect(resolveAppPaths('/x/out/main', '/x', { TURNOUT_NATIVE_BINDING: '/y/addon.node' }).nativeBinding).toBe('/y/addon.node');
    } finally {
      temp.cleanup();
    }
  });
});
