import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { cliStampPlugin } from './scripts/cli-stamp.mjs';

const root = import.meta.dirname;
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };

/**
 * The `turnout` command as plain JavaScript (`npm run build:cli`, scripts/build-cli.mjs):
 * the CLI with the headless server, and the proxy worker, bundled for Node into out/cli,
 * so no command pays for a TypeScript compiler at run time. Vite's SSR build, because
 * Vite is the toolchain the project already has (electron-vite builds the desktop app with
 * it); this build is separate from electron.vite.config.ts because it targets the Node
 * that runs `turnout` (≥ 20.19), not Electron's.
 *
 * Every command is a dynamic import in cli.ts, so each becomes its own chunk and
 * `turnout --help` or `status` never loads SQLite or the proxy. Chunks sit beside the
 * entries: worker-launcher.ts looks for proxy-worker.js next to its own module, whatever
 * chunk it lands in. The stamp (scripts/cli-stamp.mjs) lets bin/turnout.js tell a stale
 * build from a current one.
 */
export default defineConfig({
  root,
  publicDir: false,
  plugins: [cliStampPlugin(root)],
  // `turnout --version` (electron/server/cli/version.ts) without reading package.json at run time.
  define: { __TURNOUT_VERSION__: JSON.stringify(version) },
  // Bundle the dependencies too (fewer files to resolve at start), except the native
  // addon and the proxy library, which stay in node_modules as in the desktop build.
  ssr: { noExternal: true, external: ['better-sqlite3', 'http-proxy-3'] },
  build: {
    ssr: true,
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: true,
    target: 'node20.19',
    minify: false,
    reportCompressedSize: false,
    copyPublicDir: false,
    rolldownOptions: {
      input: { turnout: resolve(root, 'electron/server/turnout.ts'), 'proxy-worker': resolve(root, 'electron/core/workers/proxy-worker.ts') },
      // JSDoc comments (most of this code's, and its dependencies') out: V8 keeps each module's
      // source text on the heap for as long as serve runs, and it was ≈ 3 MB of what survives a collection.
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', comments: { legal: true, annotation: false, jsdoc: false } },
      // hdr-histogram-js reaches for zlib through a direct eval (only for its encoding helpers).
      checks: { eval: false },
    },
  },
});
