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
  // System tools the Wine suite runs when they are installed (it says NOT RUN otherwise).
  // and util-linux's script, which gives the CLI's waiting display a real terminal in its test.
  ignoreBinaries: ['wine', 'wineserver', 'script'],
  ignoreIssues: {
    // Being reshaped by the request-model work of issue 8 while this check lands; that work
    // removes the dead exports listed here, then these lines go.
    'renderer/**': ['exports', 'types'],
    'shared/request/**': ['exports', 'types'],
    'shared/journal/**': ['exports', 'types'],
    'electron/core/session-tracker.ts': ['exports', 'types'],
    'electron/core/export/spans.ts': ['exports', 'types'],
    'electron/core/export/timeline-model.ts': ['exports', 'types'],
    'electron/ipc/log-row.ts': ['exports', 'types'],
    'electron/ipc/contract.ts': ['exports', 'types'],
    // formatTimestamp and TimeZoneChoice: the shared time formatting the views are to read
    // (issue 8); nothing reads them yet. The lead wires them in or removes them.
    'shared/time.ts': ['exports', 'types'],
  },
};

export default config;
