// A vitest reporter that appends each test file's start and end to a file, one line each: the
// watchdog (watchdog.mjs) reads it to tell a suite that stopped moving, and to name what was
// still running when it did. Vitest's own timeouts cannot end a test that blocks its worker's
// thread (a synchronous loop or read). Each test's own start and end are written from inside its
// process (test/support/test-progress.ts), since vitest's word of them can come too late.
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';

export default class ProgressReporter {
  constructor() {
    this.file = process.env.MBN_DIAG_TEST_PROGRESS;
  }

  write(event, name) {
    if (!this.file) return;
    // One JSON line per event: a test's name may hold anything.
    appendFileSync(this.file, `${JSON.stringify([Date.now(), event, name])}\n`);
  }

  moduleName(testModule) {
    return relative(process.cwd(), testModule.moduleId);
  }

  // A file is running from when it is handed to a worker, so that one stuck in its import is
  // named too (vitest's own start of a file comes after its import).
  onTestModuleQueued(testModule) {
    this.write('start', this.moduleName(testModule));
  }

  onTestModuleEnd(testModule) {
    this.write('end', this.moduleName(testModule));
  }

  // Each test's outcome, so that a run whose vitest never exits (and so never writes its report)
  // is still counted: vitest-dev/vitest#10162 describes one that printed every test and hung.
  onTestCaseResult(testCase) {
    const state = testCase.result().state;
    this.write(state, `${this.moduleName(testCase.module)} > ${testCase.fullName}`);
  }
}
