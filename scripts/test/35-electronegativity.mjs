// Electronegativity over electron/: no finding of medium severity or above. Its CLI crashes at
// start here (its bundled commander is shadowed by the project's commander 14: `.version is not a
// function`), so the suite calls its documented programmatic `run()` instead. LANG is pinned to a
// locale it ships, because it looks translations up by $LANG and only falls back when a download
// fails. Suppressions are `eng-disable` comments in the code, each with its reason beside it.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);

export default {
  name: 'electronegativity',
  lane: 'checks',
  async run() {
    process.env.LANG = 'en-US';
    const module = require('@doyensec/electronegativity');
    const run = module.default ?? module;
    const electronVersion = JSON.parse(
      readFileSync('node_modules/electron/package.json', 'utf8'),
    ).version;
    const result = await run({
      input: 'electron',
      isRelative: true,
      electronVersionOverride: electronVersion,
    });
    const broken = result.errors.filter((e) => !e.tolerable);
    for (const error of broken) console.log(`parse error in ${error.file}: ${error.message}`);
    let failed = broken.length;
    for (const issue of result.issues) {
      const serious = issue.severity.value >= 2; // MEDIUM = 2, HIGH = 3
      if (serious) failed += 1;
      console.log(
        `${serious ? 'FAIL' : 'ok  '} ${issue.severity.name.padEnd(13)} ${issue.id} ${issue.file}:${issue.location.line} — ${issue.description}`,
      );
    }
    console.log(
      `${result.atomicChecks + result.globalChecks} checks, ${result.issues.length} finding(s), ${failed} of medium severity or above`,
    );
    return { ok: failed === 0, passed: failed === 0 ? 1 : 0, failed: failed === 0 ? 0 : 1 };
  },
};
