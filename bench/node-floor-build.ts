/**
 * The node-floor proxy (node-floor-child.ts) as plain JavaScript, bundled the way
 * vite.cli.config.ts bundles Turnout: its memory is then measured as Turnout's built CLI
 * runs, with no tsx in the process (tsx alone adds tens of MB).
 */
import path from 'node:path';
import { build } from 'vite';

export async function buildNodeFloor(outDir: string): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'error',
    ssr: { noExternal: true },
    build: {
      ssr: path.join(import.meta.dirname, 'node-floor-child.ts'),
      outDir,
      emptyOutDir: true,
      target: 'node20.19',
      rolldownOptions: { output: { format: 'es', entryFileNames: 'node-floor.mjs' } },
    },
  });
  return path.join(outDir, 'node-floor.mjs');
}
