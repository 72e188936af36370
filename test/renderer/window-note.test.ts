/**
 * What the saved log's banner says of the entries the window holds, when it cannot hold them
 * all. Of a large log the window keeps its first page and the entries jumped to beside the
 * newest; it used to count them among the newest ("the newest 252,000"), which they are not.
 */
import { describe, expect, it } from 'vitest';
import {
  broughtInNote,
  savedCountWords,
  savedWindowNote,
} from '../../renderer/src/files/window-note';

describe('the banner’s word on the entries the window holds', () => {
  it('names the newest apart from the earlier entries kept beside them, and the rest not loaded', () => {
    const note = savedWindowNote({ rows: 252_201, kept: 2201, capacity: 250_000 }, 1_000_000);
    expect(note).toBe(
      'The newest 250,000 of 1,000,000 entries are shown, and 2,201 earlier ones from the ' +
        'log’s start or brought in; the rest are not loaded, still in the file.',
    );
  });

  it('says only the newest when the window holds nothing else, and nothing when it holds all', () => {
    expect(savedWindowNote({ rows: 250_000, kept: 0, capacity: 250_000 }, 300_000)).toBe(
      'The newest 250,000 of 300,000 entries are shown: the window holds at most 250,000. ' +
        'The earliest are still in the file.',
    );
    expect(savedWindowNote({ rows: 9000, kept: 0, capacity: 250_000 }, 9000)).toBeNull();
  });
});

describe('the banner’s count of the records', () => {
  it('says a large log is counted while the window still fills, not that it is still reading', () => {
    const filling = { count: 1_000_000, complete: false, counted: true };
    expect(savedCountWords(filling)).toBe('1,000,000 records; loading the newest into the window…');
    expect(savedCountWords({ ...filling, complete: true })).toBe('1,000,000 records.');
  });

  it('says a log read row by row is still being read, and one record as one', () => {
    expect(savedCountWords({ count: 4000, complete: false, counted: false })).toBe(
      'Reading… 4,000 records so far.',
    );
    expect(savedCountWords({ count: 1, complete: true, counted: true })).toBe('1 record.');
  });

  it('says how many records a bundle holds beside those read, when its manifest counts them', () => {
    const reading = { count: 740_000, complete: false, counted: false };
    expect(savedCountWords({ ...reading, expected: 1_000_000 })).toBe(
      'Reading… 740,000 of 1,000,000 records.',
    );
    // A manifest counting fewer than are read already says nothing of what is left.
    expect(savedCountWords({ ...reading, expected: 700_000 })).toBe(
      'Reading… 740,000 records so far.',
    );
    expect(savedCountWords({ ...reading, complete: true, expected: 1_000_000 })).toBe(
      '740,000 records.',
    );
  });
});

describe('the word when a line’s entries have come in', () => {
  it('names the entries brought in, as the # column writes them', () => {
    expect(broughtInNote({ fromSeq: 2001, toSeq: 4000 })).toBe('Entries #2001–#4000 loaded.');
    expect(broughtInNote({ fromSeq: 9, toSeq: 9 })).toBe('Entry #9 loaded.');
  });
});
