/**
 * The index's WebAssembly line reader (wasm/line-scan.ts, driven by line-scan.ts) must take
 * exactly the lines the index's expressions take, and read the same values from them: compared
 * on every one-byte change of every everyday line, on hostile lines, and on lines read in place
 * from one buffer as a file's chunk holds them. And the module the app loads must be the one its
 * source builds.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexLineReader } from '../../../electron/core/journal-index-line.js';
import { extendIndex } from '../../../electron/core/journal-index-scan.js';
import { emptyFileIndex } from '../../../electron/core/journal-index.js';
import { kindShapes, lineKeys } from '../../../electron/core/journal-line-shapes.js';
import { LineScan, NOT_TAKEN } from '../../../electron/core/line-scan.js';
import { budget } from '../fuzz/fuzz-budget.js';

const SIERRA = '{5F3A8C21-7B4E-4D19-9A3E-2C6B1F0D8E47}';
const SMS = '533fbeeb-14fe-4467-9f90-33a223e56c3f';

/** One line of each kind the readers take, and of two they leave to JSON.parse. */
const EVERYDAY: readonly string[] = [
  `{"v":2,"seq":41,"time":"2026-11-24T08:10:00.000Z","mono":51.25,"kind":"request","interfaceId":"${SIERRA}","serviceId":"${SMS}","serviceName":"SMS","ref":"r41","op":"close","outcome":"sending","sessionOpenBefore":true}`,
  `{"v":2,"seq":42,"time":"2026-11-24T08:11:00.007Z","mono":52.5,"kind":"request-returned","interfaceId":"${SIERRA}","serviceId":"${SMS}","serviceName":"SMS","ref":"r41","op":"close","outcome":"waiting","requestId":1041,"hresult":"0x8007000E","hresultName":"E_OUTOFMEMORY","callMs":0.6}`,
  `{"v":2,"seq":43,"time":"2026-11-24T08:12:00.014Z","mono":-3,"kind":"completion","interfaceId":"${SIERRA}","serviceId":"${SMS}","serviceName":"SMS","op":"close","requestId":1041,"status":"0x80004005","statusName":"E_FAIL","match":"matched","ref":"r41","outcome":"failed","latencyMs":12.5}`,
  `{"v":2,"seq":44,"time":"0099-02-31T23:59:59.999Z","mono":1234567890123,"kind":"completion","interfaceId":"${SIERRA}","serviceId":"${SMS}","serviceName":"SMS","op":"query","requestId":7,"status":"0x00000000","statusName":"S_OK","match":"unknown-request","ref":null,"outcome":null,"latencyMs":null}`,
  `{"v":2,"seq":45,"time":"2026-11-24T08:14:00.028Z","mono":0,"kind":"overdue","interfaceId":"${SIERRA}","serviceId":"${SMS}","serviceName":"SMS","ref":"r41","op":"close","outcome":"overdue","requestId":null,"timeoutMs":10}`,
  `{"v":2,"seq":46,"time":"2026-11-24T08:15:00.035Z","mono":0.000001,"kind":"abandoned","interfaceId":"${SIERRA}","serviceId":"${SMS}","serviceName":"SMS","ref":"x9","op":"close","outcome":"abandoned","requestId":3,"reason":"device-removed"}`,
  `{"v":2,"seq":47,"time":"2026-11-24T08:16:00.042Z","mono":999999999.5,"kind":"session-state","interfaceId":"${SIERRA}","serviceId":"${SMS}","serviceName":"SMS","from":"open","to":"closing"}`,
  `{"v":2,"seq":48,"time":"2026-11-24T08:17:00.049Z","mono":7,"kind":"read-data","interfaceId":"${SIERRA}","serviceId":"${SMS}","serviceName":"SMS","byteLength":4,"preview":"7e0a0001"}`,
  `{"v":2,"seq":0,"time":"2026-11-24T08:18:00.056Z","mono":8,"kind":"error","message":"x","context":"y"}`,
];

/** The bytes a change puts in: each class the readers tell apart, and their edges. */
const CHANGES = Buffer.from('0159-.:"\\{},nNtfxXeEaAgGzZT r~\x00\x1f\x7f\x80\xff\t\r', 'latin1');

/** A reader with the WebAssembly reader, and one without, having both learned the key orders. */
function readers(): { scan: IndexLineReader; plain: IndexLineReader } {
  const scan = new IndexLineReader();
  const plain = new IndexLineReader({ scan: false });
  for (const line of EVERYDAY) {
    const bytes = Buffer.from(line, 'latin1');
    scan.read(bytes, 0, bytes.length);
    plain.read(bytes, 0, bytes.length);
  }
  return { scan, plain };
}

function read(reader: IndexLineReader, buf: Buffer, from = 0, to = buf.length): string {
  const fields = reader.read(buf, from, to);
  return fields ? JSON.stringify(fields) : 'not taken';
}

describe('the index line reader in WebAssembly', () => {
  it('takes the everyday lines itself, and reads their values', () => {
    const shapes = kindShapes();
    const scan = LineScan.acquire(shapes);
    const line = Buffer.from(EVERYDAY[2] ?? '', 'latin1');
    const completion = shapes.findIndex((k) => k.kind === 'completion');
    const shape = shapes[completion];
    if (!shape) throw new Error('no completion kind');
    // Before it is told the key order, the line is left to the expressions.
    expect(scan.read(line, 0, line.length)).toBe(NOT_TAKEN);
    scan.addPlan(completion, shape, lineKeys(line.toString('latin1'), 0, line.length));
    expect(scan.read(line, 0, line.length)).toBe(completion);
    expect({
      seq: scan.seq,
      time: scan.timeMs,
      mono: scan.mono,
      service: scan.serviceId,
      name: scan.serviceName,
      status: scan.status,
      requestId: scan.requestId,
      ref: scan.ref,
    }).toEqual({
      seq: 43,
      time: Date.parse('2026-11-24T08:12:00.014Z'),
      mono: -3,
      service: SMS,
      name: 'SMS',
      status: '0x80004005',
      requestId: 1041,
      ref: 41,
    });
  });

  it('reads every one-byte change of every everyday line as the expressions do', () => {
    const { scan, plain } = readers();
    let taken = 0;
    let compared = 0;
    for (const line of EVERYDAY) {
      const bytes = Buffer.from(line, 'latin1');
      for (let at = 0; at <= bytes.length; at++) {
        for (const c of CHANGES) {
          const changed = [
            Buffer.concat([bytes.subarray(0, at), Buffer.from([c]), bytes.subarray(at + 1)]),
            Buffer.concat([bytes.subarray(0, at), Buffer.from([c]), bytes.subarray(at)]),
          ];
          for (const variant of changed) {
            const expected = read(plain, variant);
            expect(read(scan, variant), variant.toString('latin1')).toBe(expected);
            compared += 1;
            if (expected !== 'not taken') taken += 1;
          }
        }
        const cut = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
        expect(read(scan, cut), cut.toString('latin1')).toBe(read(plain, cut));
      }
    }
    // Many changes keep a valid line (a digit for a digit, a letter in a name): both took those.
    expect(taken).toBeGreaterThan(compared / 10);
  });

  it('reads hostile lines as the expressions do', () => {
    const { scan, plain } = readers();
    const value = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('0x8007000e', 'r12', 'r', 'r0123456789012345', 'null', '"', '\\'),
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.constantFrom(null, true, false, -0, 1e21, 0.1, 1234567890123, 12345678901234),
    );
    const hostile = fc
      .record({
        which: fc.nat(EVERYDAY.length - 1),
        key: fc.constantFrom(
          'seq',
          'time',
          'mono',
          'serviceId',
          'serviceName',
          'ref',
          'op',
          'outcome',
          'requestId',
          'hresult',
          'status',
          'latencyMs',
          'preview',
          'from',
          'sessionOpenBefore',
        ),
        value,
      })
      .map(({ which, key, value: v }) => {
        const record = JSON.parse(EVERYDAY[which] ?? '{}') as Record<string, unknown>;
        if (key in record) record[key] = v;
        return Buffer.from(JSON.stringify(record), 'utf8');
      });
    fc.assert(
      fc.property(hostile, (line) => {
        expect(read(scan, line)).toBe(read(plain, line));
      }),
      budget(4000),
    );
  });

  it('reads lines in place in one buffer, as a file chunk holds them, as the expressions do', () => {
    const { scan, plain } = readers();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(EVERYDAY.length - 1), fc.nat(400), fc.nat(255)), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.boolean(),
        (picks, finalNewline) => {
          // Lines, some with one byte changed, joined by LF as a chunk of a file is.
          const lines = picks.map(([which, at, byte]) => {
            const line = Buffer.from(EVERYDAY[which] ?? '', 'latin1');
            if (at < line.length && byte % 3 === 0) line[at] = byte;
            return line;
          });
          const chunk = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
          const body = finalNewline ? chunk : chunk.subarray(0, chunk.length - 1);
          let from = 0;
          for (const line of lines) {
            const to = Math.min(from + line.length, body.length);
            expect(read(scan, body, from, to)).toBe(read(plain, body, from, to));
            from = to + 1;
          }
          // A line read short of its end (the byte after it is not an LF: the reader marks the
          // end in its copy), then the whole line from the same buffer.
          const first = lines[0]?.length ?? 0;
          expect(read(scan, body, 0, first - 1)).toBe(read(plain, body, 0, first - 1));
          expect(read(scan, body, 0, first)).toBe(read(plain, body, 0, first));
        },
      ),
      budget(300),
    );
  });

  it('reads a log naming more services than it keeps apart as the expressions do', () => {
    const { scan, plain } = readers();
    for (let i = 0; i < 100; i++) {
      const record = JSON.parse(EVERYDAY[i % 8] ?? '{}') as Record<string, unknown>;
      record.serviceId = `service-${String(i)}-${'x'.repeat(i * 2)}`;
      record.status = `0x${i.toString(16).padStart(8, '0')}`;
      const line = Buffer.from(JSON.stringify(record));
      expect(read(scan, line)).toBe(read(plain, line));
    }
  });

  it('reads as a new one when given back and taken again by the next file’s reader', () => {
    const first = new IndexLineReader();
    const line = (name: string, status: string) =>
      Buffer.from(
        (EVERYDAY[2] ?? '')
          .replace('"serviceName":"SMS"', `"serviceName":"${name}"`)
          .replace('0x80004005', status),
        'latin1',
      );
    const a = line('SMS', '0x80004005');
    first.read(a, 0, a.length);
    first.read(a, 0, a.length);
    first.release();
    // The next reader takes the same module (one is kept for it): what the first learned, the
    // names it numbered, must not come back under the same numbers.
    const next = new IndexLineReader();
    const plain = new IndexLineReader({ scan: false });
    const b = line('Device Services', '0x00000000');
    for (let i = 0; i < 2; i++) expect(read(next, b)).toBe(read(plain, b));
    expect(read(next, b)).toContain('Device Services');
  });

  it('indexes a file of many chunks as JSON.parse does, runs broken by lines it leaves alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbn-line-scan-'));
    try {
      // Lines across the reader's 64 KiB chunks, and between its runs: blank, damaged, a CR, a
      // v1 line, one 100 KB long, one changed so it fails only at its end; a torn last line.
      const odd = [
        '',
        '   ',
        '{"v":2,"seq":',
        `${EVERYDAY[0] ?? ''}\r`,
        (EVERYDAY[1] ?? '').replace('"v":2', '"v":1'),
        (EVERYDAY[6] ?? '').replace('"SMS"', `"${'S'.repeat(100_000)}"`),
        (EVERYDAY[2] ?? '').replace(/\}$/, ',"x":1}'),
      ];
      const lines: string[] = [];
      for (let i = 0; i < 3000; i++)
        lines.push(i % 97 === 0 ? (odd[(i / 97) % odd.length] ?? '') : (EVERYDAY[i % 9] ?? ''));
      const file = join(dir, 'journal-000001.jsonl');
      writeFileSync(file, `${lines.join('\n')}\n{"v":2,"seq":9`);
      const fast = await extendIndex(file, emptyFileIndex('x'));
      const full = await extendIndex(file, emptyFileIndex('x'), { visit: () => undefined });
      expect(fast.buckets.length).toBeGreaterThan(0);
      expect(fast).toEqual(full);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds the same index where WebAssembly is not to be had (V8 run --jitless)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbn-line-scan-'));
    try {
      const file = join(dir, 'journal-000001.jsonl');
      writeFileSync(file, `${EVERYDAY.join('\n')}\n`.repeat(50));
      const here = await extendIndex(file, emptyFileIndex(basename(file)));
      const child = join(import.meta.dirname, '../../support/index-file-child.ts');
      const there = execFileSync(process.execPath, ['--jitless', '--import', 'tsx', child, file], {
        encoding: 'utf8',
      });
      expect(JSON.parse(there)).toEqual(here);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('is the module its source builds', () => {
    const committed = readFileSync(
      new URL('../../../electron/core/line-scan-wasm.ts', import.meta.url),
      'utf8',
    );
    // Stale: run `node scripts/build-wasm.mjs` after changing wasm/line-scan.ts.
    const built = execFileSync(
      process.execPath,
      ['scripts/build-wasm.mjs', '--print', 'line-scan-wasm.ts'],
      { encoding: 'utf8' },
    );
    expect(committed).toBe(built);
  }, 60_000);
});
