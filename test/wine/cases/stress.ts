/**
 * Stress under Wine: 100,000 write completions and 100,000 read-data events through the addon at
 * full speed, at the same time. Every completion must arrive exactly once for a request ID the
 * call returned, and every read event exactly once, in order, with its bytes intact.
 * Scenario: stress.json (zero-delay completions, one 100,000-event burst once the session opens).
 */
import { assert, check, equal, finish, openNative, report, waitFor } from './harness.js';

const F = '{F0F0F0F0-0000-4000-8000-00000000000F}';
const S = 'cdcdcdcd-cdcd-4dcd-8dcd-cdcdcdcdcdcd';
const N = 100_000;
const WINDOW = 1000;

await check(
  `${N.toLocaleString('en')} completions and ${N.toLocaleString('en')} read events`,
  async () => {
    const backend = await openNative();
    const completions = new Map<number, number>();
    let reads = 0;
    let badReads = 0;
    backend.onEvent((e) => {
      if (e.type === 'completion')
        completions.set(e.requestId, (completions.get(e.requestId) ?? 0) + 1);
      if (e.type === 'read-data') {
        const d = e.data;
        const seq = (d[0] ?? 0) | ((d[1] ?? 0) << 8) | ((d[2] ?? 0) << 16) | ((d[3] ?? 0) << 24);
        let ok = d.length === 32 && seq === reads;
        for (let k = 4; ok && k < 32; k++) ok = d[k] === ((seq + k) & 0xff);
        if (!ok) badReads++;
        reads++;
      }
    });
    const started = performance.now();
    const opened = await backend.openDataSession(F, S);
    equal(opened.hresult, 0, 'open');
    // Writes need the session open, which its completion (not the call) says.
    assert(await waitFor(() => completions.has(opened.requestId), 10_000), 'open completion');
    const ids: number[] = [];
    const payload = new Uint8Array(16).fill(1);
    for (let sent = 0; sent < N; sent += WINDOW) {
      const batch = await Promise.all(
        Array.from({ length: WINDOW }, () => backend.writeData(F, S, payload)),
      );
      for (const r of batch) {
        if (r.hresult !== 0) throw new Error(`write failed: 0x${r.hresult.toString(16)}`);
        ids.push(r.requestId);
      }
    }
    const callsDone = performance.now();
    const allIn = await waitFor(() => completions.size >= N + 1 && reads >= N, 120_000);
    const elapsed = performance.now() - started;
    assert(
      allIn,
      `all events arrived (completions ${completions.size - 1}/${N}, reads ${reads}/${N})`,
    );
    equal(new Set(ids).size, N, 'distinct request IDs returned');
    const missing = ids.filter((id) => completions.get(id) !== 1).length;
    equal(missing, 0, 'requests without exactly one completion');
    equal(completions.size, N + 1, 'completions for unknown request IDs');
    equal(reads, N, 'read events');
    equal(badReads, 0, 'read events lost, repeated, reordered or corrupted');
    await backend.close();
    report('completionsSeen', N + 1);
    report('readDataSeen', reads);
    report('writeBytes', N * 16);
    report('writeChecksum', (N * 16) >>> 0);
    return `${(elapsed / 1000).toFixed(1)} s in all; calls took ${((callsDone - started) / 1000).toFixed(1)} s; ${Math.round((2 * N) / (elapsed / 1000)).toLocaleString('en')} events/s`;
  },
);

finish();
