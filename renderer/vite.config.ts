import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The control panel build served by `turnout serve` (out/renderer). electron-vite builds the
 * same sources for the desktop window; `base: './'` lets both load it from a file or a URL.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: { outDir: '../out/renderer', emptyOutDir: true },
});
