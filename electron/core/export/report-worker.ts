/**
 * The helper thread that makes a bundle's report and trace (see report-side.ts): it is sent the
 * bundle's JSON Lines entry as it is written and sends back the report's and the trace's text.
 * It only ever sees what the bundle already holds, redacted, so it cannot change what a bundle
 * says, only how soon it is written.
 */
import { parentPort } from 'node:worker_threads';
import type { ReadProblem } from '../journal-reader.js';
import { ReportFormats, type ManifestFacts, type ReportContext } from './report-formats.js';

export type ReportTask =
  | { type: 'start'; context: ReportContext }
  | { type: 'lines'; bytes: Uint8Array<ArrayBuffer> }
  | { type: 'finish'; problems: ReadProblem[]; leftOut: number };

export type ReportAnswer =
  | { type: 'ready' }
  | {
      type: 'text';
      html: Uint8Array<ArrayBuffer>[];
      later: Uint8Array<ArrayBuffer>[];
      trace: Uint8Array<ArrayBuffer>[];
    }
  | {
      type: 'done';
      html: Uint8Array<ArrayBuffer>[];
      later: Uint8Array<ArrayBuffer>[];
      trace: Uint8Array<ArrayBuffer>[];
      facts: ManifestFacts;
    };

let formats: ReportFormats | undefined;

function handed(buffers: Buffer[]): Uint8Array<ArrayBuffer>[] {
  return buffers.map((b) => new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength));
}

/**
 * Drained text is handed over, not copied: each piece is the only view of its memory. A piece no
 * bigger than Node's shared pool of small buffers may be a slice of it, which must never be
 * handed over (that would empty the pool under every other buffer): such pieces are copied.
 */
function send(answer: ReportAnswer): void {
  const transfer = new Set<ArrayBuffer>();
  if (answer.type !== 'ready')
    for (const b of [...answer.html, ...answer.later, ...answer.trace])
      if (b.buffer.byteLength > Buffer.poolSize) transfer.add(b.buffer);
  parentPort?.postMessage(answer, [...transfer]);
}

/**
 * The text as it is, in memory of its own to hand over, so that the buffers it was made in can be
 * filled again (ReportFormats.recycle). Handed over themselves, each was a new MiB for this thread
 * (most of it unused: a drain hands over the buffer being filled), and the collector, which
 * counts such memory, ran a full collection every few dozen MiB for them.
 */
function copied(buffers: Buffer[]): Buffer[] {
  return buffers.map((b) => {
    const copy = Buffer.allocUnsafeSlow(b.length);
    b.copy(copy);
    return copy;
  });
}

parentPort?.on('message', (task: ReportTask) => {
  switch (task.type) {
    case 'start':
      formats = new ReportFormats(task.context);
      return;
    case 'lines': {
      if (!formats) throw new Error('The report helper was sent lines before it was started.');
      formats.lines(Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength));
      const out = formats.drain();
      send({
        type: 'text',
        html: handed(copied(out.html)),
        later: handed(copied(out.later)),
        trace: handed(copied(out.trace)),
      });
      formats.recycle(out);
      return;
    }
    case 'finish': {
      if (!formats) throw new Error('The report helper was finished before it was started.');
      const out = formats.finish(task.problems, task.leftOut);
      send({
        type: 'done',
        html: handed(out.html),
        later: handed(out.later),
        trace: handed(out.trace),
        facts: formats.facts(),
      });
      formats = undefined;
      return;
    }
  }
});
send({ type: 'ready' });
