// The CLI as one CommonJS file with its dependencies inside, so `npx mbn-diag` starts fast and a
// Windows node.exe (under Wine in the tests) can run it with nothing else installed.
//
// Start-up is mostly compiling and running this one file (issue 9 item 15), so it is minified
// (the linked source map keeps stack traces readable with --enable-source-maps) and zod's
// translated error messages are left out: only English is ever configured, and the other ~40
// locales were a third of the bundle. Commands import their heavy modules when they run, which
// esbuild keeps lazy inside the bundle, so --help and --version do not evaluate them.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { basename } from 'node:path';

/** Replaces zod's `locales` namespace (every language) with an empty module; `en` stays. */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: 'zod-locales', namespace: 'zod-english-only' }
        : undefined,
    );
    esbuild.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, () => ({
      contents: 'export {};',
      loader: 'js',
    }));
  },
};

/**
 * zod as a file of its own beside the bundle, required by the modules that use it when they are
 * first run: it was two thirds of the bundle, compiled at every start, and most commands (search,
 * export of a journal, --version) never validate with it. Only the CLI's own bundle does this.
 */
const zodBeside = {
  name: 'zod-beside',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^zod$/ }, () => ({ path: './zod.cjs', external: true }));
  },
};

/** Every file built here: one minified CommonJS file with its packages inside, for Node 20. */
const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  logLevel: 'warning',
};

export default async function buildCli() {
  mkdirSync('dist/cli', { recursive: true });
  await build({
    entryPoints: ['electron/cli/index.ts'],
    outfile: 'dist/cli/mbn-diag.cjs',
    ...NODE_BUNDLE,
    // Error class names stay readable in messages and `instanceof` is unaffected either way.
    keepNames: true,
    sourcemap: 'linked',
    plugins: [zodBeside],
    // import.meta.url is only a fallback in source runs; __dirname is used in the bundle.
    logOverride: { 'empty-import-meta': 'silent' },
  });
  await build({
    entryPoints: ['node_modules/zod/index.js'],
    outfile: 'dist/cli/zod.cjs',
    ...NODE_BUNDLE,
    plugins: [zodEnglishOnly],
  });
  // Helper threads, each loaded from beside the bundle (electron/core/helper-script.ts): the
  // export's line checks (line-check-pool.ts), the bundle's report (report-side.ts), and the
  // search's index builds (index-builds.ts) and free-text scans (text-scans.ts).
  for (const entry of [
    'export/line-check-worker',
    'export/report-worker',
    'index-build-worker',
    'text-scan-worker',
  ])
    await build({
      entryPoints: [`electron/core/${entry}.ts`],
      outfile: `dist/cli/${basename(entry)}.cjs`,
      ...NODE_BUNDLE,
      // As above: the report's helper bundles the line checks, whose source-run fallback it is.
      logOverride: { 'empty-import-meta': 'silent' },
    });
  // Scenarios ship beside the bundle: dist/assets/scenarios.
  cpSync('assets/scenarios', 'dist/assets/scenarios', { recursive: true });
}
