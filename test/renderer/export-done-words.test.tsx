/**
 * The export panel's confirmation of a file saved with damaged lines left out, and of a CSV
 * longer than a spreadsheet opens. It said "1 damaged
 * lines" for one, where the CLI and the file's own closing record say "1 damaged line"; and a
 * redacted file missing lines was confirmed in the calm blue of a file that is fine, where a file
 * missing entries the journal could not save is said in the warning's colours.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExportDone } from '../../electron/ipc/contract';
import { ExportPanel } from '../../renderer/src/files/ExportPanel';
import { useFiles, WHOLE_LOG } from '../../renderer/src/store/files-store';
import { restOfSheet } from '../../renderer/src/files/range-choice';
import type { SheetRest } from '../../shared/sheet-rows';
import { savedLogState } from '../support/saved-log-state';
import { useTimeMode } from '../../renderer/src/store/time-store';

// Hoisted above the imports, so the factory is imported where it runs.
vi.mock('zustand', async (original) =>
  (await import('../support/zustand-as-now')).zustandAsNow(original),
);

function done(unreadable: number, sheetRest: SheetRest | null = null): ExportDone {
  return {
    exportId: 1,
    format: 'jsonl',
    fileName: 'kiosk.jsonl',
    folder: '/home/tech/Exports',
    records: 1000,
    bytes: 300_000,
    redacted: true,
    redactedCounts: {},
    unreadable,
    unsaved: 0,
    range: null,
    keptFromBefore: null,
    sheetRest,
  };
}

/** The confirmation's class and words. */
function confirmation(): { className: string; words: string } {
  const html = renderToStaticMarkup(<ExportPanel />);
  const found = /<p class="([^"]*)" role="status">(.*?)<\/p>/.exec(html);
  if (!found) throw new Error('no confirmation');
  return {
    className: found[1] ?? '',
    words: (found[2] ?? '')
      .replace(/<[^>]+>/g, '')
      .replace(/&#x27;/g, "'")
      .replace(/\s+/g, ' '),
  };
}

afterEach(() => {
  useFiles.setState({ lastExport: null, range: WHOLE_LOG, saved: null, format: 'zip' });
});

describe('the export panel confirming a file saved without its damaged lines', () => {
  it('counts one damaged line as one, and more as more', () => {
    useFiles.setState({ lastExport: done(1) });
    expect(confirmation().words).toContain(
      '1 damaged line of the journal could not be read and is missing.',
    );
    useFiles.setState({ lastExport: done(3) });
    expect(confirmation().words).toContain(
      '3 damaged lines of the journal could not be read and are missing.',
    );
  });

  it('says it in the warning colours, as any file that lacks part of the log', () => {
    useFiles.setState({ lastExport: done(2) });
    expect(confirmation().className).toBe('notice warn');
    useFiles.setState({ lastExport: done(0) });
    expect(confirmation().className).toBe('notice info');
  });
});

describe('the export panel confirming a CSV longer than a spreadsheet opens', () => {
  const REST: SheetRest = { from: '2026-11-24T08:47:28.576Z', last: '2026-11-24T09:02:11.040Z' };

  it('says where the rest begin and how to export them, in the warning colours', () => {
    useTimeMode.setState({ mode: 'utc' });
    useFiles.setState({ lastExport: done(0, REST) });
    const { className, words } = confirmation();
    expect(words).toContain(
      'Excel and LibreOffice Calc open only its first 1,048,575 records; the rest begin at 2026-11-24 08:47:28.576 Z: export them as a time range from then on. Choose the rest',
    );
    expect(className).toBe('notice warn');
  });

  it('is said at the CSV choice of a saved log counted longer, before the export', () => {
    const saved = (count: number) =>
      savedLogState({ name: 'kiosk-week.jsonl', count, complete: false });
    const csvChoice = () =>
      /One row per event, for Excel or LibreOffice, which open 1,048,575 events at most\.[^<]*/.exec(
        renderToStaticMarkup(<ExportPanel />),
      )?.[0];
    useFiles.setState({ saved: saved(10_000_000), exportOf: 'saved-log', format: 'csv' });
    expect(csvChoice()).toBe(
      'One row per event, for Excel or LibreOffice, which open 1,048,575 events at most. This log has 10,000,000.',
    );
    // A range of it may fit: its count is not known before it is read.
    useFiles.setState({ range: { on: true, from: '2026-01-05', to: '2026-01-05' } });
    expect(csvChoice()).toBe(
      'One row per event, for Excel or LibreOffice, which open 1,048,575 events at most.',
    );
    useFiles.setState({ range: WHOLE_LOG, saved: saved(900_000) });
    expect(csvChoice()).toBe(
      'One row per event, for Excel or LibreOffice, which open 1,048,575 events at most.',
    );
  });

  it('chooses the rest as the range: from its first record to just past its last', () => {
    expect(restOfSheet(REST, 'utc')).toEqual({
      on: true,
      from: '2026-11-24 08:47:28.576 Z',
      to: '2026-11-24 09:02:11.041 Z',
      typed: true,
    });
  });
});

describe('the export panel confirming a Chrome trace', () => {
  const trace = (bytes: number): ExportDone => ({ ...done(0), format: 'trace', bytes });

  it('of a week, says a browser tab cannot hold it, in the warning colours', () => {
    useFiles.setState({ lastExport: trace(3_100_000_000) });
    const { className, words } = confirmation();
    expect(words).toContain(
      "At 2.9 GB it is more than a browser tab holds: run Perfetto's trace_processor --httpd on it, then open ui.perfetto.dev, which uses it.",
    );
    expect(className).toBe('notice warn');
  });

  it('of a day, points past chrome://tracing to Perfetto; of an hour, says nothing more', () => {
    useFiles.setState({ lastExport: trace(400_000_000) });
    expect(confirmation()).toEqual({
      className: 'notice info',
      words: expect.stringContaining(
        'At 381.5 MB it is more than chrome://tracing opens: open it at ui.perfetto.dev.',
      ),
    });
    useFiles.setState({ lastExport: trace(30_000_000) });
    expect(confirmation().words).not.toMatch(/chrome:\/\/tracing|browser tab/);
  });
});
