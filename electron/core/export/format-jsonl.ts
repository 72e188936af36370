/**
 * JSON Lines: the canonical export. The records exactly as the journal wrote them (each carries
 * its format version `v`), one per line (lines with nothing to redact copied byte for byte), so the app and any later version of it open it again.
 * The first line is an export header (not a record; readers skip it) saying whether identifiers
 * were redacted, so a file that travels on its own, outside a bundle, still says so.
 */
import {
  EXPORT_HEADER_FORMAT,
  EXPORT_HEADER_KIND,
  EXPORT_HEADER_VERSION,
  MAX_HEADER_RUNS,
  type ExportHeader,
} from '../../../shared/journal/record.js';
import { availableParallelism } from 'node:os';
import { rangeIso } from '../../../shared/export-range.js';
import type { ExportContext, FormatWriterFactory } from './format-writer.js';

/**
 * Lines are checked on this thread alone on two cores: there a helper saved no time (1M events,
 * redacted, alternated: 0.98-1.04 s without one, 1.04-1.16 s with) and cost 0.3-0.5 s of CPU and
 * 35 MB, since handing it each block (a copy, a message, the answer) is work for this thread,
 * which also copies the lines out and writes them. With more cores the pool's default stands: its
 * helpers take the whole check off this thread (not measured here).
 */
const CHECK_HELPERS = availableParallelism() > 2 ? undefined : 0;

function exportHeader(context: ExportContext): ExportHeader {
  return {
    kind: EXPORT_HEADER_KIND,
    format: EXPORT_HEADER_FORMAT,
    version: EXPORT_HEADER_VERSION,
    redacted: context.redacted,
    createdAt: context.generatedAt.toISOString(),
    createdBy: { name: context.app.name, version: context.app.version },
    source: context.sourceLabel,
    ...(context.sources ? { sources: [...context.sources] } : {}),
    ...(context.range ? { range: rangeIso(context.range) } : {}),
    ...(context.folderRuns && context.folderRuns.length <= MAX_HEADER_RUNS
      ? { folderRuns: [...context.folderRuns] }
      : {}),
    ...(context.abnormalRuns?.length
      ? { endedAbnormally: context.abnormalRuns.slice(0, MAX_HEADER_RUNS) }
      : {}),
  };
}

export const jsonlWriter: FormatWriterFactory = (out, context) => {
  out.push(`${JSON.stringify(exportHeader(context))}\n`);
  return {
    checkHelpers: CHECK_HELPERS,
    write(record) {
      out.push(`${JSON.stringify(record)}\n`);
    },
    // The journal's own bytes: LineCheck passed only lines JSON.stringify would write back alike.
    writeLine(line) {
      if (line.replacement === undefined)
        if (line.kept) out.pushKeptLine(line.buf, line.from, line.to);
        else out.pushLine(line.buf, line.from, line.to);
      else
        out.pushPatchedLine(
          line.buf,
          line.from,
          line.to,
          line.previewFrom,
          line.previewTo,
          line.replacement,
        );
    },
    finish() {
      // Nothing to close: every line is complete on its own.
    },
  };
};
