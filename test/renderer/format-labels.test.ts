/**
 * The export panel's words for the HTML report: a week's report lists its first records and every
 * later problem (html-log-cap.ts), and the panel promised a "full log" a support engineer then
 * looked for in it.
 */
import { describe, expect, it } from 'vitest';
import { FORMAT_CHOICES } from '../../renderer/src/files/format-labels';
import { LOG_RECORDS } from '../../electron/core/export/html-log-limits';

describe('the export panel’s description of the HTML report', () => {
  it('says how much of a long log the report lists, by the report’s own figure', () => {
    const words = FORMAT_CHOICES.html.description;
    expect(words).not.toMatch(/full log/);
    expect(words).toContain(`the first ${LOG_RECORDS.toLocaleString('en-US')} entries`);
  });
});
