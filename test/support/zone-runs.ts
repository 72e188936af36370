/**
 * A run as a log from another machine holds it, for the tests of where each view says the
 * recording machine's time zone: its run-start (with `zone`, or none as older logs have it) and
 * one backend event, at `hour` UTC on 2026-01-15. Seqs go on from one call to the next.
 */
import type { JournalRecord } from '../../shared/journal/record.js';
import type { TimeZone } from '../../shared/journal/time-zone.js';

let seq = 0;

export function zoneRun(
  zone: TimeZone | undefined,
  hour: number,
  event = { available: true, message: 'ok' },
): JournalRecord[] {
  const time = `2026-01-15T${String(hour).padStart(2, '0')}:05:00.000Z`;
  return [
    {
      v: 2,
      seq: ++seq,
      time,
      mono: 0,
      kind: 'run-start',
      format: 'mbn-diag-journal',
      runId: '0123456789abcdef0123456789abcdef',
      app: { name: 'mbn-diag', version: '0.1.0' },
      os: { platform: 'win32', release: '10.0.22631', arch: 'x64' },
      backend: { kind: 'simulator', label: 'Simulator', reason: 'test' },
      ...(zone ? { timeZone: zone } : {}),
    },
    { v: 2, seq: ++seq, time, mono: 5, kind: 'backend-status', backend: 'simulator', ...event },
  ];
}
