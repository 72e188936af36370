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
import { useFiles } from '../../renderer/src/store/files-store';

// Drawn on the server, a zustand hook reads its store's state as it is now (zustand-as-now.ts).
vi.mock('zustand', async (original) =>
  (await import('../support/zustand-as-now')).zustandAsNow(original),
);

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;|&apos;/g, "'")
    .replace(/\s+/g, ' ');

afterEach(() => useFiles.setState({ choices: null }));

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
