/**
 * Synthetic journal records for the export benchmark: a realistic mix (requests with their
 * returns, completions and session states, read data, the odd overdue/late request, refusals,
 * device info and errors carrying identifiers so redaction has work to do), generated on the fly
 * so that a million of them never sit in memory.
 */
import { closeSync, createWriteStream, fsyncSync, openSync } from 'node:fs';
import type { JournalRecord } from '../shared/journal/record.js';
import { ManualClock } from '../electron/core/clock.js';
import { listJournalFiles } from '../electron/core/journal-files.js';
import { attachJournalIndex } from '../electron/core/journal-index-writer.js';
import { Journal } from '../electron/core/journal.js';

const DEVICES = [
  {
    iface: '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}',
    model: 'EM7565',
    manufacturer: 'Sierra Wireless, Incorporated',
    firmware: 'SWI9X50C_01.14.03.00',
    imei: '359072061234567',
  },
  {
    iface: '{B7D04E92-3C51-4A8F-8E26-9F1A4D6C2B30}',
    model: 'EM120R-GL',
    manufacturer: 'Quectel',
    firmware: 'EM120RGLAPR02A07M4G',
    imei: '861234059876543',
  },
];
const SERVICES = [
  ['{8C1E5A4B-2D7F-4E36-B9A0-61F3C5D7E902}', 'Sierra diagnostics stream'],
  ['a289cc33-bcbb-8b4f-b6b0-133ec2aae6df', 'Basic Connect'],
  ['533fbeeb-14fe-4467-9f90-33a223e56c3f', 'SMS'],
  ['e550a0c8-5e82-479e-82f7-10abf4c3351f', 'USSD'],
  ['4bf38476-1e6a-41db-b1d8-bed289c25bdb', 'Phonebook'],
  ['d8f20131-fcb5-4e17-8602-d6ed3816164c', 'STK (SIM Toolkit)'],
  ['{2F6B9D13-8E4A-47C2-A5D1-0B3E7C9F4A68}', 'Quectel QDSS trace'],
] as const;

/** What a bench log holds besides the everyday mix. */
export interface BenchLogOptions {
  /**
   * As recorded with the MBIM backend: each accepted request's command and its answer as
   * `mbim-message` records, with their bytes (what a pcapng capture is made of).
   */
  mbim?: boolean;
}

/**
 * A Basic Connect signal-state query (CID 11) and its answer, as they cross the wire: the
 * capture's packets decode in tshark as whole MBIM messages.
 */
export const MBIM_COMMAND =
  '0300000030000000010000000100000000000000a289cc33bcbb8b4fb6b0133ec2aae6df0b0000000000000000000000';
export const MBIM_DONE =
  '0300008044000000010000000100000000000000a289cc33bcbb8b4fb6b0133ec2aae6df0b00000000000000140000000f0000000000000005000000000000000000000000';

export function* benchRecords(
  count: number,
  options: BenchLogOptions = {},
): Generator<JournalRecord> {
  const mbim = options.mbim === true;
  let seq = 0;
  let yielded = 0;
  let mono = 0;
  let request = 0;
  const base = Date.UTC(2026, 10, 23, 9, 0, 0);
  let time = '';
  // Advances the clocks; records are then written as plain literals (object spread here made
  // V8 build slow dictionary-mode objects, and the benchmark would have measured that).
  const tick = (): void => {
    seq += 1;
    mono = Math.round((mono + 1 + (seq % 7) * 0.731) * 1000) / 1000;
    time = new Date(base + Math.floor(mono)).toISOString();
  };
  yielded += 1;
  yield* [
    (tick(),
    {
      v: 2,
      seq,
      time,
      mono,
      kind: 'run-start',
      format: 'mbn-diag-journal',
      runId: 'b3nchb3nchb3nchb3nchb3nchb3nch00',
      app: { name: 'mbn-diag', version: '0.1.0' },
      os: { platform: 'win32', release: '10.0.22631', arch: 'x64' },
      backend: mbim
        ? { kind: 'mbim', label: 'MBIM (mbim-proxy)', reason: 'mbim-proxy answered.' }
        : { kind: 'mbn', label: 'Windows MBN service', reason: 'The MBN service is running.' },
    }),
  ];
  while (yielded < count) {
    request += 1;
    const device = DEVICES[request % DEVICES.length] ?? DEVICES[0];
    const [serviceId, serviceName] = SERVICES[request % SERVICES.length] ?? SERVICES[0];
    if (!device) return;
    const interfaceId = device.iface;
    const ref = `r${request}`;
    const requestId = 1000 + request;
    const op = request % 2 === 0 ? 'close' : 'open';
    const start = mono;
    const batch: JournalRecord[] = [];
    if (request % 5000 === 1) {
      tick();
      batch.push({
        v: 2,
        seq,
        time,
        mono,
        kind: 'device-info',
        interfaceId: device.iface,
        manufacturer: device.manufacturer,
        model: device.model,
        firmware: device.firmware,
        deviceId: device.imei,
        readyState: 'initialized',
      });
    }
    tick();
    batch.push({
      v: 2,
      seq,
      time,
      mono,
      kind: 'request',
      ref,
      op,
      outcome: 'sending',
      interfaceId,
      serviceId,
      serviceName,
      sessionOpenBefore: op === 'close',
    });
    if (request % 17 === 0) {
      tick();
      batch.push({
        v: 2,
        seq,
        time,
        mono,
        kind: 'request-returned',
        ref,
        op,
        interfaceId,
        serviceId,
        serviceName,
        requestId: null,
        hresult: '0x80070005',
        hresultName: 'E_ACCESSDENIED',
        outcome: 'refused',
        callMs: 0.4,
      });
    } else {
      tick();
      batch.push({
        v: 2,
        seq,
        time,
        mono,
        kind: 'session-state',
        interfaceId,
        serviceId,
        serviceName,
        from: op === 'close' ? 'open' : 'closed',
        to: op === 'close' ? 'closing' : 'opening',
      });
      tick();
      batch.push({
        v: 2,
        seq,
        time,
        mono,
        kind: 'request-returned',
        ref,
        op,
        interfaceId,
        serviceId,
        serviceName,
        requestId,
        hresult: '0x00000000',
        hresultName: 'S_OK',
        outcome: 'waiting',
        callMs: 0.6,
      });
      const message = (direction: 'sent' | 'received'): void => {
        tick();
        batch.push({
          v: 2,
          seq,
          time,
          mono,
          kind: 'mbim-message',
          interfaceId,
          direction,
          transactionId: requestId,
          type: direction === 'sent' ? 'command' : 'command-done',
          service: 'a289cc33-bcbb-8b4f-b6b0-133ec2aae6df',
          serviceName: 'Basic Connect',
          cid: 11,
          cidName: 'signal-state',
          status: direction === 'sent' ? null : '0x00000000',
          statusName: direction === 'sent' ? null : 'MBIM_STATUS_SUCCESS',
          requestId,
          fragments: 1,
          bytes: direction === 'sent' ? MBIM_COMMAND : MBIM_DONE,
        });
      };
      if (mbim) message('sent');
      const late = request % 97 === 0;
      if (late) {
        tick();
        batch.push({
          v: 2,
          seq,
          time,
          mono,
          kind: 'overdue',
          ref,
          op,
          outcome: 'overdue',
          interfaceId,
          serviceId,
          serviceName,
          requestId,
          timeoutMs: 10000,
        });
      }
      const failed = request % 23 === 0;
      if (mbim) message('received');
      tick();
      batch.push({
        v: 2,
        seq,
        time,
        mono,
        kind: 'completion',
        op,
        interfaceId,
        serviceId,
        serviceName,
        requestId,
        status: failed ? '0x80004005' : '0x00000000',
        statusName: failed ? 'E_FAIL' : 'S_OK',
        match: late ? 'late' : 'matched',
        ref,
        outcome: late ? 'late' : failed ? 'failed' : 'succeeded',
        latencyMs: Math.round((mono - start) * 1000) / 1000,
      });
      tick();
      batch.push({
        v: 2,
        seq,
        time,
        mono,
        kind: 'session-state',
        interfaceId,
        serviceId,
        serviceName,
        from: op === 'close' ? 'closing' : 'opening',
        to: op === 'close' ? 'closed' : 'open',
      });
      if (op === 'open') {
        for (let i = 0; i < 3; i++) {
          tick();
          batch.push({
            v: 2,
            seq,
            time,
            mono,
            kind: 'read-data',
            interfaceId,
            serviceId,
            serviceName,
            byteLength: 96,
            preview: '7e0a00010000002a000000050000003c',
          });
        }
      }
    }
    if (request % 1000 === 0) {
      tick();
      batch.push({
        v: 2,
        seq,
        time,
        mono,
        kind: 'error',
        message: `modem ${device.imei} reported SIM 89014103211118510720 not ready`,
        context: 'reading device info',
      });
    }
    // A plain loop, not a nested generator: those cost microseconds each.
    for (const r of batch) {
      if (yielded >= count) return;
      yielded += 1;
      yield r;
    }
  }
}

/**
 * Writes `count` bench records to `path` as a JSON Lines log, in 1 MiB writes, and syncs it to the
 * disk; returns seconds.
 */
export async function writeBenchLog(
  path: string,
  count: number,
  options: BenchLogOptions = {},
): Promise<number> {
  const started = performance.now();
  const out = createWriteStream(path);
  let text = '';
  for (const record of benchRecords(count, options)) {
    text += `${JSON.stringify(record)}\n`;
    if (text.length >= 1024 * 1024) {
      if (!out.write(text))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      text = '';
    }
  }
  await new Promise<void>((resolve, reject) => {
    out.end(text, () => resolve());
    out.once('error', reject);
  });
  // On the disk before anything is measured: otherwise the kernel may write the log back during
  // the first export that follows, and that export alone would pay for it (its raw write, after
  // it, would not).
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return (performance.now() - started) / 1000;
}

/**
 * The same records written as the app writes its own journal: through the journal and its index
 * (so every bucket is certified for exports as it is written, line-certificate.ts), into rotated
 * 16 MiB files of a run folder under `dir`, synced to the disk; returns the run folder and seconds.
 * The journal stamps each record itself, the clock advancing as the records' own did.
 */
export function writeBenchJournal(dir: string, count: number): { run: string; seconds: number } {
  const started = performance.now();
  const clock = new ManualClock(Date.UTC(2026, 10, 23, 9, 0, 0));
  const records = benchRecords(count);
  // The run-start record is the journal's to write: its backend is taken from the bench's own.
  const head = records.next();
  const first = head.done ? undefined : head.value;
  const backend = first?.kind === 'run-start' ? first.backend : undefined;
  const journal = new Journal({
    dir,
    clock,
    runStart: {
      app: { name: 'mbn-diag', version: '0.1.0' },
      os: { platform: 'win32', release: '10.0.22631', arch: 'x64' },
      backend: backend ?? { kind: 'mbn', label: 'Windows MBN service', reason: 'bench' },
    },
  });
  attachJournalIndex(journal);
  let mono = 0;
  for (const record of records) {
    const { v: _v, seq: _seq, time: _time, mono: at, ...entry } = record;
    clock.advance(at - mono);
    mono = at;
    journal.append(entry);
  }
  journal.close();
  for (const file of listJournalFiles(journal.runDir)) {
    const fd = openSync(file, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  return { run: journal.runDir, seconds: (performance.now() - started) / 1000 };
}
