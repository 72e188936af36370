/**
 * A saved log's first search saves its index beside it, wherever the log is: also in a folder
 * others can write, such as a shared downloads folder or /tmp. The sidecar was written through a
 * temporary name anyone could predict (`<log>.mbnidx.<pid>.tmp`) and opened as it was, so a
 * link planted under that name made the search overwrite the file it pointed to (the user's
 * own, a shell profile say) with index JSON. The temporary file is now a new one, never a link.
 */
import { lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { searchLog } from '../../../electron/core/log-search.js';
import { writeSessionStateLog } from '../../support/session-state-log.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const temp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'mbn-sidecar-'));
  made.push(dir);
  return dir;
};

describe("a saved log's index, saved beside it", () => {
  it('never writes through a link planted where its temporary file goes', async () => {
    const shared = temp();
    const log = join(shared, 'saved.jsonl');
    writeSessionStateLog(log, 50);
    const victim = join(temp(), 'profile');
    writeFileSync(victim, 'the user’s own file\n');
    symlinkSync(victim, `${log}.mbnidx.${String(process.pid)}.tmp`);
    const summary = await searchLog(
      log,
      { text: 'SMS' },
      { numbering: 'position', onHits: () => undefined },
    );
    expect(summary.matches).toBe(50);
    expect(readFileSync(victim, 'utf8')).toBe('the user’s own file\n');
    // The index was saved all the same, as a file of its own.
    expect(lstatSync(`${log}.mbnidx`).isFile()).toBe(true);
  });
});
