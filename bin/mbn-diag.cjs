#!/usr/bin/env node
// The `mbn-diag` command: runs the bundled CLI, or says plainly how to build it.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'dist', 'cli', 'mbn-diag.cjs');
if (!existsSync(bundle)) {
  process.stderr.write(
    'mbn-diag: the CLI is not built yet. Run `npm install` (or `npm run build`) in the project first.\n',
  );
  process.exit(2);
}
// Compiling the bundle is most of the start-up left; Node 22.1+ can keep the compiled code
// between runs (Node's own cache directory). Older Nodes simply compile every time.
const nodeModule = require('node:module');
if (typeof nodeModule.enableCompileCache === 'function') nodeModule.enableCompileCache();
require(bundle);
