import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID } from '../../electron/main/app-paths';
import { trayIconFile } from '../../electron/main/tray-template';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
// electron-builder's own YAML reader and config validator (its dependencies), so the file is
// checked the way `npm run dist` reads it, offline, without packaging anything.
const fromBuilder = createRequire(path.join(ROOT, 'node_modules', 'electron-builder', 'package.json'));
const yaml = fromBuilder('js-yaml') as { load(text: string): unknown };
const requireLib = createRequire(fromBuilder.resolve('app-builder-lib/package.json'));
const { validateConfiguration } = requireLib('./out/util/config/config.js') as { validateConfiguration(config: unknown, logger: unknown): Promise<void> };
const { DebugLogger } = createRequire(requireLib.resolve('builder-util/package.json'))('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  directories: { buildResources: string; output: string };
  linux: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
}

const config = yaml.load(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(1, 4).toString('ascii'), `${file} is a PNG`).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
  }, 20_000);

  it('builds AppImage and deb, dmg and nsis, under the app id and product name the app uses', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.appId).toBe(APP_ID);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { productName: string; main: string };
    expect(config.productName).toBe(pkg.productName);
    // The packaged app starts from package.json "main", which the build output must include.
    expect(pkg.main.startsWith('out/')).toBe(true);
  });

  it('rebuilds better-sqlite3 for Electron and keeps it outside the asar archive', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.files).toContain('!.cache/**');
  });

  it('points at icons that exist and are big enough for every platform (512 px: electron-builder makes .icns and .ico from it)', () => {
    for (const icon of new Set([config.linux.icon, config.mac.icon, config.win.icon])) {
      const size = pngSize(path.join(ROOT, icon));
      expect(size.width).toBeGreaterThanOrEqual(512);
      expect(size.height).toBe(size.width);
    }
    expect(config.directories.buildResources).toBe('resources');
  });

  it('ships every tray image the app asks for, at 16 px and @2x 32 px', () => {
    const resources = path.join(ROOT, 'resources');
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      for (const kind of ['normal', 'warning'] as const) {
        const file = trayIconFile(resources, kind, platform);
        expect(pngSize(file)).toEqual({ width: 16, height: 16 });
        expect(pngSize(file.replace(/\.png$/, '@2x.png'))).toEqual({ width: 32, height: 32 });
        expect(config.files.some((pattern) => pattern === `resources/${path.basename(file)}` || pattern === 'resources/tray*.png')).toBe(true);
      }
    }
  });
});
