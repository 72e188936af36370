import { describe, expect, it } from 'vitest';
import { exportProgressText } from '../../renderer/src/files/export-progress-text';

const at = (phase: 'writing' | 'compressing' | 'searching' | 'rewriting', records: number) =>
  exportProgressText({ exportId: 1, phase, records, bytes: 0, total: 2000 });

describe('the export panel’s progress words', () => {
  it('count records and a percentage while writing and compressing', () => {
    expect(at('writing', 500)).toEqual({
      text: 'Writing: 500 of 2,000 records (25%)',
      percent: 25,
    });
    expect(at('compressing', 2000).text).toBe('Compressing: 2,000 of 2,000 records (100%)');
  });

  it('say why the count starts again when a device ID turns up late', () => {
    // The search has no count: the bar shows only that work goes on.
    expect(at('searching', 0)).toEqual({
      text: 'A device ID turned up late: searching the log for every device ID, to redact each everywhere…',
      percent: null,
    });
    expect(at('rewriting', 100)).toEqual({
      text: 'Writing again, every device ID known: 100 of 2,000 records (5%)',
      percent: 5,
    });
  });

  // A saved log exported while the window still reads it has no total yet: "80,000 of 30,000".
  it('count alone, with no share, while the total is not known', () => {
    expect(
      exportProgressText({ exportId: 1, phase: 'writing', records: 80_000, bytes: 0, total: 0 }),
    ).toEqual({ text: 'Writing: 80,000 records', percent: null });
  });
});
