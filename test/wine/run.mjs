#!/usr/bin/env node
// `node test/wine/run.mjs [case...]`: the Windows path of the addon, under Wine. Without mingw-w64
// or Wine it says so LOUDLY and exits 0, except under CI=true, where every suite must run.
import suite, { runSuite } from './suite.mjs';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const missing = await suite.missing();
if (missing) {
  const bar = '!'.repeat(78);
  console.log(`${bar}\n!!! WINE SUITE NOT RUN: ${missing}`);
  console.log(
    `!!! ${ci ? 'CI=true: this is a failure.' : 'Nothing under test/wine was tested on this machine.'}\n${bar}`,
  );
  process.exit(ci ? 1 : 0);
}
const started = Date.now();
const result = await runSuite({ only: process.argv.slice(2) });
console.log(
  `\nwine: ${result.passed} passed, ${result.failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
process.exitCode = result.ok ? 0 : 1;
