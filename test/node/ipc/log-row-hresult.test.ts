/**
 * A row's HRESULT is decoded once per code and shared by the rows that carry it (log-row.ts): each
 * row must still carry its own code's words, however many codes a log holds (the cache of them is
 * bounded), and no row may change what another one shows.
 */
import { describe, expect, it } from 'vitest';
import { toSavedRow } from '../../../electron/ipc/log-row.js';
import type { JournalRecord } from '../../../shared/journal/record.js';

const returned = (seq: number, hresult: string): JournalRecord =>
  ({
    v: 2,
    seq,
    time: '2026-11-23T09:00:00.000Z',
    mono: seq,
    kind: 'request-returned',
    interfaceId: 'i',
    serviceId: '{11111111-2222-3333-4444-555555555555}',
    serviceName: 'S',
    ref: `r${String(seq)}`,
    op: 'close',
    outcome: 'refused',
    requestId: null,
    hresult,
    hresultName: null,
    callMs: 1,
  }) as unknown as JournalRecord;

describe('the HRESULT a saved row carries', () => {
  it('is its own code, decoded, among more codes than are kept decoded at once', () => {
    const codes = Array.from(
      { length: 1500 },
      (_, i) => `0x${(0x80070000 + i).toString(16).padStart(8, '0')}`,
    );
    for (const round of [0, 1])
      for (const [i, code] of codes.entries()) {
        const row = toSavedRow(returned(i + 1 + round * codes.length, code), i + 1);
        expect(row.hresult?.hex.toLowerCase()).toBe(code);
      }
    expect(toSavedRow(returned(1, '0x80070005'), 1).hresult?.name).toBe('E_ACCESSDENIED');
  });

  it('cannot be changed through one row for the others', () => {
    const first = toSavedRow(returned(1, '0x80070005'), 1).hresult;
    expect(first).not.toBeNull();
    if (first) expect(() => Object.assign(first, { name: 'E_FAIL' })).toThrow();
    expect(toSavedRow(returned(2, '0x80070005'), 2).hresult?.name).toBe('E_ACCESSDENIED');
  });
});
