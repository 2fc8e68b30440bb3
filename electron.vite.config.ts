import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

/**
 * The desktop build (`electron-vite build`): main (ES module, like package.json "type"),
 * the sandboxed preload (CommonJS: sandboxed preloads cannot be ES modules, and may
 * require nothing but electron, so everything else is bundled in), and the renderer,
 * built from the same sources and to the same place as `npm run build:web`.
 *
 * Output: out/main/index.js (package.json "main") and out/main/proxy-worker.js,
 * out/preload/index.cjs, out/renderer:
 * electron-vite's default places, left implicit so `electron-vite build --outDir DIR`
 * moves all three (test/main/build.test.ts builds into a temp dir that way).
 */
export default defineConfig({
  main: {
    build: {
      // The native addon and the proxy library stay in node_modules; the rest is bundled.
      externalizeDeps: false,
      rolldownOptions: {
        // The proxy worker is its own entry: a plane with `workers` > 1 forks it (workers/worker-launcher.ts).
        input: { index: resolve(root, 'electron/main/index.ts'), 'proxy-worker': resolve(root, 'electron/core/workers/proxy-worker.ts') },
        external: ['better-sqlite3', 'http-proxy-3'],
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      // `turnout serve` hands these files to any browser too: build them like `npm run build:web`
      // (minified, a browser-wide syntax target) rather than for Electron's Chromium only.
      target: 'es2022',
      minify: true,
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
