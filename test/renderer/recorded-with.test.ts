/**
 * A saved log's banner on what recorded it: a customer's log read beside a header that describes
 * this machine's simulator must say it came from the Windows MBN service, or not.
 */
import { describe, expect, it } from 'vitest';
import { recordedWithLine } from '../../renderer/src/files/recorded-with';
import { recordedWith } from '../../shared/journal/record-text';
import type { JournalRecord } from '../../shared/journal/record';

type RunStart = Extract<JournalRecord, { kind: 'run-start' }>;
const runStart = (label: string, release = '10.0.22631'): RunStart => ({
  v: 2,
  seq: 1,
  time: '2026-01-15T20:05:00.000Z',
  mono: 0,
  kind: 'run-start',
  format: 'mbn-diag-journal',
  runId: 'r',
  app: { name: 'mbn-diag', version: '0.1.0' },
  os: { platform: 'win32', release, arch: 'x64' },
  backend: { kind: 'mbn', label, reason: 'test' },
});

describe('what recorded a saved log', () => {
  it('names the backend and the OS of its runs, and says when there are more than it lists', () => {
    const setups = new Set([recordedWith(runStart('Windows MBN service'))]);
    expect(recordedWithLine(setups)).toBe('Recorded with Windows MBN service on win32 10.0.22631.');
    for (const n of [1, 2, 3, 4]) setups.add(`Simulator ${String(n)} on linux 6`);
    expect(recordedWithLine(setups)).toMatch(/; Simulator 3 on linux 6; and others\.$/);
    expect(recordedWithLine(new Set())).toBeNull();
  });

  it('keeps a hostile run-start short: a label or a release of a megabyte is cut', () => {
    const huge = 'x'.repeat(1_000_000);
    expect(recordedWith(runStart(huge, huge)).length).toBeLessThan(250);
  });
});
