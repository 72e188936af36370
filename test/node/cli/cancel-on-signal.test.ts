import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/exit-codes.js';
import { cancelOnSignal } from '../../../electron/cli/interrupt.js';

// search and export stopped by Ctrl+C exited 1, which a script reads as "nothing matched" or
// "the export failed"; every other command stopped so exits with the shell's code.
describe('a search or export stopped by a signal', () => {
  it('is cancelled, and exits 130 for Ctrl+C, 143 for SIGTERM and 129 for a hang-up', () => {
    for (const [signal, code] of [
      ['SIGINT', EXIT.interrupted],
      ['SIGTERM', EXIT.terminated],
      // An SSH connection dropped: killed outright, it left a --no-redact export's partial file.
      ['SIGHUP', 129],
    ] as const) {
      const controller = new AbortController();
      const watch = cancelOnSignal(controller);
      expect(watch.exitCode()).toBeUndefined();
      process.emit(signal);
      expect(controller.signal.aborted).toBe(true);
      expect(watch.exitCode()).toBe(code);
      watch.off();
    }
  });

  it('stops listening once the job is done', () => {
    const before = process.listenerCount('SIGINT');
    const watch = cancelOnSignal(new AbortController());
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    watch.off();
    expect(process.listenerCount('SIGINT')).toBe(before);
  });
});
