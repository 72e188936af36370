/**
 * Where a saved log is shown and opened. One journal file of a run's 21, opened alone, said
 * "Whole log · 49,056 records", numbered from #1, with no word of the other 20; and the window
 * could not open the run's folder at all (the app's open dialog picked files only), though the
 * app's own words told the technician to open "a journal folder". Drawn as React draws them.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OpenLogPanel } from '../../renderer/src/files/OpenLogPanel';
import { RunPartNote } from '../../renderer/src/files/RunPartNote';
import { overviewScope } from '../../renderer/src/files/run-part-words';
import { LogPanel } from '../../renderer/src/components/LogPanel';
import { SearchPanel } from '../../renderer/src/search/SearchPanel';
import { SAVED_SOURCE, useFiles } from '../../renderer/src/store/files-store';
import { LIVE_SOURCE, LogSourceContext, type LogSource } from '../../renderer/src/store/log-source';
import { Overview, OverviewCaption } from '../../renderer/src/timeline/Overview';
import { savedLogState } from '../support/saved-log-state';

// Drawn on the server, a zustand hook reads its store's state as it is now (zustand-as-now.ts).
vi.mock('zustand', async (original) =>
  (await import('../support/zustand-as-now')).zustandAsNow(original),
);

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;|&apos;/g, "'")
    .replace(/\s+/g, ' ');

afterEach(() => useFiles.setState({ choices: null, saved: null }));

const RUN_PART = { file: 5, of: 21, folder: 'run-20260105T000000000Z-0bench' };

/** journal-000005.jsonl open, one file of its run's 21 as main's holds answer said. */
function openRunPart(): void {
  useFiles.setState({
    saved: savedLogState({ name: 'journal-000005.jsonl', count: 49_056, run: RUN_PART }),
  });
}

/** The overview strip as drawn over a source (before main's overview of it has come). */
const strip = (source: LogSource) =>
  renderToStaticMarkup(
    <LogSourceContext.Provider value={source}>
      <Overview register={() => () => undefined} centre={() => undefined} />
    </LogSourceContext.Provider>,
  );

describe('a journal file that is one of its run’s files', () => {
  it('says which of how many it is, and offers the folder that holds the whole log', () => {
    const html = renderToStaticMarkup(
      <RunPartNote
        run={{ file: 5, of: 21, folder: 'run-20260105T000000000Z-0bench' }}
        opening={false}
        onOpen={() => undefined}
      />,
    );
    expect(text(html)).toContain(
      "File 5 of 21 of this run: open the run's folder to see the whole log.",
    );
    expect(html).toMatch(/<button[^>]*>Open the run(&#x27;|&apos;|')s folder/);
    expect(text(html)).toContain('run-20260105T000000000Z-0bench');
  });
});

// Right below the note, the timeline's overview strip said "Whole log · 49,056 records": the
// note's "open the run's folder to see the whole log" then read as a contradiction.
describe('the overview strip of a journal file that is one of its run’s files', () => {
  it('says it covers this file, 5 of 21, with its counts', () => {
    const words = text(
      renderToStaticMarkup(
        <OverviewCaption
          scope={overviewScope(RUN_PART)}
          counts={{ records: 49_056, problems: 3 }}
        />,
      ),
    );
    expect(words).toBe('This file (5 of 21) · 49,056 records · 3 with a problem');
  });

  it('names the slider and its help by this file, from the files store', () => {
    openRunPart();
    const html = strip(SAVED_SOURCE);
    expect(html).toContain('aria-label="This file (5 of 21) overview"');
    expect(text(html)).toContain('This file (5 of 21)');
    expect(text(html)).toContain(
      'Overview of this file, 5 of 21 of its run: nothing with a time yet.',
    );
    expect(text(html)).not.toContain('whole log');
  });

  it('says "Whole log" for the live journal, even while a run’s file is open beside it', () => {
    openRunPart();
    const html = strip(LIVE_SOURCE);
    expect(html).toContain('aria-label="Whole log overview"');
    expect(text(html)).toContain('Overview of the whole log: nothing with a time yet.');
  });

  it('says "Whole log" for a saved log that is no part of a run', () => {
    openRunPart();
    useFiles.setState((f) => ({ saved: f.saved && { ...f.saved, run: undefined } }));
    expect(strip(SAVED_SOURCE)).toContain('aria-label="Whole log overview"');
    expect(
      text(
        renderToStaticMarkup(
          <OverviewCaption scope={overviewScope(null)} counts={{ records: 1, problems: 0 }} />,
        ),
      ),
    ).toBe('Whole log · 1 record · 0 with a problem');
  });
});

// Beside it, the log's button said "Search whole log…", and searched this file alone.
describe('the search button of a journal file that is one of its run’s files', () => {
  const panel = (source: LogSource) =>
    renderToStaticMarkup(
      <LogSourceContext.Provider value={source}>
        <LogPanel />
      </LogSourceContext.Provider>,
    );

  it('offers to search this file, saying the run’s folder searches the whole log', () => {
    openRunPart();
    const html = panel(SAVED_SOURCE);
    expect(html).toMatch(/<button[^>]*>Search this file…<\/button>/);
    expect(html).toContain('title="Searches this file, 5 of 21 of its run: open the run');
  });

  it('names the search it opens this file’s, for screen readers too', () => {
    openRunPart();
    const html = renderToStaticMarkup(
      <LogSourceContext.Provider value={SAVED_SOURCE}>
        <SearchPanel />
      </LogSourceContext.Provider>,
    );
    expect(html).toContain('aria-label="Search this file"');
    expect(text(html)).toContain('Search this file');
    expect(text(html)).not.toContain('Search the whole log');
  });

  it('offers the whole log for a saved log that is no part of a run, and the live one', () => {
    openRunPart();
    expect(panel(LIVE_SOURCE)).toMatch(/<button[^>]*>Search whole log…<\/button>/);
    useFiles.setState((f) => ({ saved: f.saved && { ...f.saved, run: undefined } }));
    expect(panel(SAVED_SOURCE)).toMatch(/<button[^>]*>Search whole log…<\/button>/);
  });
});

describe('Open a saved log', () => {
  it('offers a folder beside a file in the app (one dialog cannot pick both)', () => {
    useFiles.setState({ choices: { picker: 'dialog', folder: null, files: [] } });
    const html = renderToStaticMarkup(<OpenLogPanel onOpened={() => undefined} />);
    expect(html).toMatch(/<button[^>]*>Open saved log…<\/button>/);
    expect(html).toMatch(/<button[^>]*>Open folder…<\/button>/);
    expect(text(html)).toContain('a journal folder: its latest run opens');
  });

  it('lists the run folders of the preview’s folder as such', () => {
    useFiles.setState({
      choices: {
        picker: 'list',
        folder: '/tmp/files',
        files: [
          { name: 'kiosk-run', bytes: 2048, modified: '2026-01-05T08:00:00.000Z', folder: 'run' },
          { name: 'kiosk.jsonl', bytes: 1024, modified: '2026-01-05T08:00:00.000Z' },
        ],
      },
    });
    const words = text(renderToStaticMarkup(<OpenLogPanel onOpened={() => undefined} />));
    expect(words).toContain('Open kiosk-run run folder ·');
    expect(words).not.toContain('kiosk.jsonl run folder');
  });
});
