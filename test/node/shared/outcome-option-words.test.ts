/**
 * The log's Outcome filter offered "Waiting" and listed mostly requests that had completed long
 * before: an option says what it lists. The live log lists what is still in flight, a saved log
 * what was at its end, a whole-log search what each record said when it was logged.
 */
import { describe, expect, it } from 'vitest';
import { outcomeOptionLabel } from '../../../shared/request/words.js';

describe('an outcome filter option', () => {
  it('says whether it lists what is in flight now, at the log’s end, or as logged', () => {
    expect(outcomeOptionLabel('waiting', 'now')).toBe('Still waiting');
    expect(outcomeOptionLabel('sending', 'now')).toBe('Still sending');
    expect(outcomeOptionLabel('waiting', 'log-end')).toBe("Waiting at log's end");
    expect(outcomeOptionLabel('waiting', 'as-logged')).toBe('Waiting when logged');
  });

  it('names the history it keeps: every request that went overdue, late ones too', () => {
    for (const reading of ['now', 'log-end', 'as-logged'] as const) {
      expect(outcomeOptionLabel('overdue', reading)).toBe('Went overdue');
      expect(outcomeOptionLabel('failed', reading)).toBe('Failed');
      expect(outcomeOptionLabel('unmatched', reading)).toBe('Unmatched completion');
    }
  });
});
