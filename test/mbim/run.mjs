#!/usr/bin/env node
// `npm run test:mbim`: the MBIM backend, emulator and captures against real libmbim and tshark.
// Without them it says so LOUDLY and exits 0, except under CI=true, where every suite must run.
import suite from './suite.mjs';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const missing = await suite.missing();
if (missing) {
  const bar = '!'.repeat(78);
  console.log(`${bar}\n!!! MBIM SUITE NOT RUN: ${missing}`);
  console.log(
    `!!! ${ci ? 'CI=true: this is a failure.' : 'Nothing under test/mbim was tested on this machine.'}\n${bar}`,
  );
  process.exit(ci ? 1 : 0);
}
const result = await suite.run();
process.exitCode = result.ok ? 0 : 1;
