import { defineConfig } from 'vite';

// The renderer is served from app://mbn-diag/ (Electron) or the preview's loopback server, both
// under a CSP without 'unsafe-inline': relative paths, no inline scripts, CSS in files.
export default defineConfig({
  root: 'renderer',
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    modulePreload: { polyfill: false },
    sourcemap: true,
    // RENDERER_MINIFY=0 keeps names readable in CPU profiles (bench/ui-latency.ts BENCH_PROFILE=1).
    minify: process.env.RENDERER_MINIFY !== '0',
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
