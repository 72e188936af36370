/**
 * Dead-code check (knip), run by the lint step: files nothing reaches, exports and types no other
 * file imports, dependencies nobody uses and imports of packages package.json does not list.
 * Tests, benchmarks and scripts are entry points too, so what only they use still counts as used.
 */
import type { KnipConfig } from 'knip';

const config: KnipConfig = {
  entry: [
    // What the build bundles (scripts/build/) and `npm run preview` starts.
    'electron/main.ts',
    'electron/preload.ts',
    'electron/cli/index.ts',
    'electron/preview/cli.ts',
    'renderer/preview-bridge/bridge.ts',
    // renderer/src/main.tsx comes from renderer/index.html through the vite plugin.
    'bench/**/*.{ts,mjs,js}',
    'scripts/**/*.mjs',
    'test/**/*.{ts,tsx,mjs}',
  ],
  project: [
    'electron/**/*.ts',
    'shared/**/*.ts',
    'renderer/**/*.{ts,tsx}',
    'bench/**/*.{ts,mjs,js}',
    'scripts/**/*.mjs',
    'test/**/*.{ts,tsx,mjs}',
    'eslint/**/*.js',
  ],
  ignoreDependencies: [
    // Read from native/binding.gyp by node-gyp, not imported from JavaScript.
    'node-addon-api',
    'node-api-headers',
    // Run by electron-builder.yml's packaging; its app-builder-lib is what the builder-config
    // test resolves (electron-builder's own schema and YAML reader).
    'electron-builder',
    'app-builder-lib',
    // Loaded into the page by path (require.resolve('axe-core/axe.min.js')) in test/e2e/axe.ts.
    'axe-core',
  ],
  // System tools suites run when they are installed (they say NOT RUN otherwise): Wine, libmbim's
  // mbimcli and tshark for the MBIM suite, util-linux's script (a terminal for the CLI's waiting
  // display) and mkfifo (a device node for the hostile-destination test); lnav, a peer the export
  // benchmark asks which format it reads a log as (it says so when lnav is missing).
  ignoreBinaries: ['wine', 'wineserver', 'script', 'mbimcli', 'tshark', 'mkfifo', 'lnav'],
};

export default config;
