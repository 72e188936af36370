/**
 * A command whose journal could not save every entry (a full disk) says so on stderr: the journal
 * no longer throws at closing, and `session close` exited 0 with a run folder lacking entries.
 */
import { describe, expect, it } from 'vitest';
import { journalLossNote } from '../../../electron/cli/journal-loss-note.js';

describe('the journal loss note', () => {
  it('says how many entries the run folder lacks, and nothing when none', () => {
    expect(journalLossNote({ unsavedEntries: 0, runDir: '/j/run' })).toBe('');
    expect(journalLossNote({ unsavedEntries: 1, runDir: '/j/run' })).toBe(
      'mbn-diag: the journal could not save 1 entry (a full or failing disk), missing from /j/run\n',
    );
    expect(journalLossNote({ unsavedEntries: 12345, runDir: '/j/run' })).toMatch(
      /could not save 12,345 entries .*missing from \/j\/run\n$/,
    );
  });

  it('escapes a run folder’s name before it reaches the terminal', () => {
    expect(journalLossNote({ unsavedEntries: 2, runDir: '/j/\u001b[31mred' })).not.toContain(
      '\u001b',
    );
  });
});
