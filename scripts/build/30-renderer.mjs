// The renderer (Vite, into dist/renderer) and, separately, the browser preview's bridge (into
// dist/preview, which electron-builder.yml leaves out), so the bridge is never in the app.
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';

export default async function buildRenderer() {
  await vite({ configFile: 'vite.config.ts', logLevel: 'warn' });
  await esbuild({
    entryPoints: ['renderer/preview-bridge/bridge.ts'],
    outfile: 'dist/preview/preview-bridge.js',
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    logLevel: 'warning',
  });
}
