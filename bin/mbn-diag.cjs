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
require(bundle);
