/**
 * The line a stopped command shows while it still tidies up: drawn in place on a terminal and
 * cleared after, so the stop's one line replaces it (as the waiting line is); a plain line, kept,
 * when stderr is piped or redirected.
 */
/* eslint-disable no-control-regex -- the output's escape sequences are what is tested */
import { describe, expect, it } from 'vitest';
import { showStopNote } from '../../../electron/cli/stop-note.js';

function stream(isTTY: boolean): { err: NodeJS.WriteStream; written: () => string } {
  let written = '';
  const err = {
    isTTY,
    write: (text: string) => {
      written += text;
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { err, written: () => written };
}

describe('the line while a stopped command tidies up', () => {
  it('on a terminal: drawn in place at once, then cleared', () => {
    const { err, written } = stream(true);
    const note = showStopNote('Ctrl+C: closing…', err);
    expect(written()).toBe('\r\x1b[KCtrl+C: closing…');
    note.clear();
    expect(written()).toMatch(/closing…\r\x1b\[K$/);
    expect(written()).not.toContain('\n');
  });

  it('piped: one plain line, kept', () => {
    const { err, written } = stream(false);
    showStopNote('Ctrl+C: closing…', err).clear();
    expect(written()).toBe('mbn-diag: Ctrl+C: closing…\n');
  });
});
