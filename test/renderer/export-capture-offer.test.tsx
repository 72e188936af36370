/**
 * The export panel's MBIM capture for a saved log. A log recorded without MBIM messages (through
 * the Windows MBN service, or the simulator) offered it: the technician chose it and where to save
 * it, waited while the whole log was read, and only then learnt there was nothing to capture. Now
 * the panel asks main what the log holds (counted from its index) when it is opened, and says at
 * once; a log with MBIM messages, or one main knows nothing of yet, is offered it as before.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BackendInfo, SavedLogOpened } from '../../electron/ipc/contract';
import { ExportPanel } from '../../renderer/src/files/ExportPanel';
import { useApp } from '../../renderer/src/store/app-store';
import { openSavedLog } from '../../renderer/src/store/file-actions';
import { SAVED_SOURCE, useFiles } from '../../renderer/src/store/files-store';
import { savedLogState } from '../support/saved-log-state';

// Drawn on the server, a zustand hook reads its store's state as it is now (zustand-as-now.ts).
vi.mock('zustand', async (original) =>
  (await import('../support/zustand-as-now')).zustandAsNow(original),
);

const WINDOWS = 'Windows Mobile Broadband service on win32 10.0.22631';

function backend(kind: BackendInfo['kind']): BackendInfo {
  return {
    kind,
    label: kind,
    reason: '',
    available: true,
    timeoutMs: 1000,
    journalDir: '/tmp/j',
    runId: 'r',
    app: { name: 'mbn-diag', version: '0' },
  };
}

function savedLog(mbimMessages: number | null, recordedWith: string[] = [WINDOWS]) {
  return savedLogState({ mbimMessages, recordedWith: new Set(recordedWith) });
}

/** The panel as drawn now: the capture's radio, the words under it, and the Export… button. */
function drawn() {
  const html = renderToStaticMarkup(<ExportPanel />);
  const choice = /<label class="format-choice"><input[^>]*value="pcapng"[^>]*>(.*?)<\/label>/.exec(
    html,
  );
  if (!choice) throw new Error('no MBIM capture choice');
  const button = /<button type="button" class="primary"[^>]*>Export…<\/button>/.exec(html)?.[0];
  return {
    disabled: /^<label[^>]*><input[^>]* disabled=""/.test(choice[0]),
    words: (choice[1] ?? '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
    button: button ?? '',
  };
}

afterEach(() => {
  Reflect.deleteProperty(globalThis, 'window');
  useFiles.setState({ saved: null, exportOf: 'session', format: 'zip' });
  useApp.setState({ backend: null });
  SAVED_SOURCE.model.clear();
});

describe('the MBIM capture of a saved log', () => {
  it('is not offered for a log without MBIM messages, and says why in words', () => {
    useApp.setState({ backend: backend('mbim') });
    useFiles.setState({ saved: savedLog(0), exportOf: 'saved-log' });
    const { disabled, words } = drawn();
    expect(disabled).toBe(true);
    expect(words).toBe(
      `MBIM capture (.pcapng) Not offered for this log: it holds no MBIM messages to capture. It was recorded with ${WINDOWS}, and only the MBIM backend records them.`,
    );
  });

  it('says so too for a log that does not say what recorded it', () => {
    useFiles.setState({ saved: savedLog(0, []), exportOf: 'saved-log' });
    expect(drawn().words).toMatch(
      /^MBIM capture \(\.pcapng\) Not offered for this log: it holds no MBIM messages to capture \(only logs recorded with the MBIM backend hold them\)\.$/,
    );
  });

  it('is offered for a log with MBIM messages, on any machine, and while it is not known', () => {
    useApp.setState({ backend: backend('simulator') });
    for (const known of [3, null]) {
      useFiles.setState({ saved: savedLog(known, ['MBIM modem at /dev/cdc-wdm0 on linux 6.1']) });
      useFiles.setState({ exportOf: 'saved-log' });
      expect(drawn()).toMatchObject({
        disabled: false,
        words: 'MBIM capture (.pcapng) The MBIM messages exchanged with the modem, for Wireshark.',
      });
    }
  });

  it('follows what is exported: the live session by its backend, as before', () => {
    useApp.setState({ backend: backend('simulator') });
    useFiles.setState({ saved: savedLog(3), exportOf: 'session' });
    expect(drawn().disabled).toBe(true);
    expect(drawn().words).toMatch(
      /Not offered for this session: it was not recorded with the MBIM/,
    );
    useApp.setState({ backend: backend('mbim') });
    useFiles.setState({ saved: savedLog(0), exportOf: 'session' });
    expect(drawn().disabled).toBe(false);
  });

  // Chosen while the log's index was still being built: Export… says why it cannot start.
  it('keeps Export… from starting a capture chosen before the log was known to hold none', () => {
    useFiles.setState({ saved: savedLog(0), exportOf: 'saved-log', format: 'pcapng' });
    const { button } = drawn();
    expect(button).toContain('disabled=""');
    expect(button).toContain('aria-describedby="export-format-says"');
    expect(renderToStaticMarkup(<ExportPanel />)).toContain(
      '<span class="field-problem" id="export-format-says">Not offered for this log',
    );
    useFiles.setState({ format: 'jsonl' });
    expect(drawn().button).not.toContain('disabled');
  });

  it('learns what the log holds from main when the log is opened', async () => {
    const asked: string[] = [];
    const opened: SavedLogOpened = {
      logId: 7,
      name: 'kiosk.jsonl',
      kind: 'journal-file',
      readOnly: true,
      rows: [],
      count: 0,
      complete: true,
      counted: true,
      problems: [],
      tornTail: false,
    };
    const answers: Record<string, unknown> = {
      'mbn:open-saved-log': opened,
      'mbn:saved-log-holds': { logId: 7, mbimMessages: 0 },
    };
    const api = {
      invoke: (channel: string) => {
        asked.push(channel);
        return Promise.resolve({ ok: true, value: answers[channel] });
      },
      on: () => () => undefined,
    };
    Object.assign(globalThis, { window: { mbnDiag: api } });
    expect(await openSavedLog('kiosk.jsonl')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(asked).toContain('mbn:saved-log-holds');
    expect(useFiles.getState().saved).toMatchObject({ logId: 7, mbimMessages: 0 });
    expect(drawn().disabled).toBe(true);
  });
});
