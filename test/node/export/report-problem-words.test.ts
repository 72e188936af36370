/**
 * A report past its cap lists the later records with a problem and says which those are: what
 * the log's "Any problem" filter finds. Its words were written out by hand and missed outcomes
 * the filter finds ("Call failed", "Given up"): a support engineer read the sentence, then found
 * such records among the report's problems with no word for why they were there.
 */
import { describe, expect, it } from 'vitest';
import { logNoteWords } from '../../../electron/core/export/html-log-cap.js';
import { PROBLEM_RECORD_OUTCOMES } from '../../../shared/request/story.js';
import { rowOutcomeWords } from '../../../shared/request/words.js';

describe("the report's words for a problem", () => {
  it('name every outcome the log’s Any problem filter finds, as the Outcome column words it', () => {
    const note = logNoteWords(
      { total: 200_000, listed: 100_000, listedTo: null, laterProblems: 12, problemsListed: 12 },
      2_000,
      2_000,
    );
    expect(note).toContain('the 12 with a problem (what the log\u2019s Any problem filter finds');
    expect(PROBLEM_RECORD_OUTCOMES.length).toBeGreaterThan(5);
    // In any case: "failed" in a sentence names Failed.
    for (const outcome of PROBLEM_RECORD_OUTCOMES)
      expect(note.toLowerCase(), outcome).toContain(
        rowOutcomeWords(outcome, 'as-logged').toLowerCase(),
      );
    // And the trouble that is no request's outcome.
    expect(note).toMatch(/errors.*the backend unavailable\)/);
  });
});
