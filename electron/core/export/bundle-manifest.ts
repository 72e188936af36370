/**
 * The bundle's manifest.json: what is inside, where it came from, whether it was redacted, and
 * the environment (app, OS, backend, devices). Opening a bundle validates it with this schema, so
 * a damaged or foreign manifest is reported instead of trusted.
 */
import { z } from 'zod';
import { isTimeZone, type TimeZone } from '../../../shared/journal/time-zone.js';
import { SHEET_RECORDS } from '../../../shared/sheet-rows.js';
import { formatCount } from '../../../shared/format-count.js';
import { LOG_RECORDS } from './html-log-limits.js';
import { FORMAT_INFO, type ExportFormat } from './formats.js';
import { traceSizeWords } from '../../../shared/trace-size.js';

export const BUNDLE_FORMAT = 'mbn-diag-bundle';
export const BUNDLE_VERSION = 1;

export const BUNDLE_FILES = {
  jsonl: 'mbn-diag-log.jsonl',
  csv: 'mbn-diag-log.csv',
  html: 'mbn-diag-report.html',
  trace: 'mbn-diag-trace.json',
  manifest: 'manifest.json',
  readme: 'README.txt',
} as const;

const deviceSchema = z.object({
  interfaceId: z.string(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  firmware: z.string().nullable(),
  deviceId: z.string().nullable(),
  readyState: z.string().nullable(),
});

export const manifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.object({ name: z.string(), version: z.string() }),
  source: z.string(),
  /**
   * When what was bundled is itself an export: `source`, then what that was made of, nearest
   * first, down to the log (source-chain.ts). Absent in bundles of a journal, and made before.
   */
  sources: z.array(z.string()).optional(),
  /** Only the records written in this range (ISO 8601 UTC, end excluded); absent: the whole log. */
  range: z.object({ from: z.string(), to: z.string() }).optional(),
  redacted: z.boolean(),
  redactedIdentifiers: z.record(z.string(), z.number()),
  records: z.number().int().nonnegative(),
  /**
   * Of a range's bundle: how many of `records` are from before the range (the run's start and
   * devices' details, kept so the range reads alone), as its confirmation counts them apart.
   */
  recordsKeptFromBefore: z.number().int().nonnegative().optional(),
  /** The entry the app opens. */
  log: z.string(),
  files: z.array(
    z.object({ name: z.string(), format: z.string(), bytes: z.number(), description: z.string() }),
  ),
  environment: z.object({
    app: z.object({ name: z.string(), version: z.string() }).nullable(),
    os: z.object({ platform: z.string(), release: z.string(), arch: z.string() }).nullable(),
    backend: z.object({ kind: z.string(), label: z.string(), reason: z.string() }).nullable(),
    runId: z.string().nullable(),
    runs: z.number().int(),
    /**
     * The distinct time zones the runs were recorded in (every time in the bundle is UTC), and
     * how many runs did not say theirs. Absent in bundles made before the journal kept them.
     */
    timeZones: z.array(z.custom<TimeZone>(isTimeZone)).max(64).optional(),
    runsWithoutTimeZone: z.number().int().nonnegative().optional(),
    firstTime: z.string().nullable(),
    lastTime: z.string().nullable(),
    devices: z.array(deviceSchema),
  }),
  readProblems: z.array(z.object({ file: z.string(), line: z.number(), message: z.string() })),
  /** Problems past those `readProblems` lists, counted only (absent in older bundles). */
  readProblemsLeftOut: z.number().int().nonnegative().optional(),
  /**
   * The runs read (by name) whose writer stopped without closing them: a crash, a power cut
   * (absent when none did, and in older bundles).
   */
  endedAbnormally: z.array(z.string()).optional(),
  /** Of every run of a journal folder: its runs by name, oldest first (ExportHeader's). */
  folderRuns: z.array(z.string()).optional(),
});

export type BundleManifest = z.infer<typeof manifestSchema>;

/**
 * An entry's description in the manifest: its format's, but a trace past what chrome://tracing
 * opens says what does (the manifest of a 303 MB trace said it opens there).
 */
export function entryDescription(format: ExportFormat, bytes: number): string {
  return (format === 'trace' ? traceSizeWords(bytes) : null) ?? FORMAT_INFO[format].description;
}

/** Where each entry's description starts in the README: after the longest name, aligned. */
const DESCRIPTION_COLUMN = 23;

/** An entry's name, then its description's lines, each indented to the same column. */
function readmeEntry(name: string, ...lines: string[]): string {
  return lines
    .map((line, i) => `${(i === 0 ? name : '').padEnd(DESCRIPTION_COLUMN)}${line}`)
    .join('\n');
}

export const README_TEXT = `mbn-diag diagnostic bundle
==========================

${[
  readmeEntry(
    BUNDLE_FILES.html,
    'Report: summary per device service, timeline picture, environment and the',
    `log (of a log over ${formatCount(LOG_RECORDS)} records, the first ${formatCount(LOG_RECORDS)} and the later`,
    `ones with a problem; ${BUNDLE_FILES.jsonl} holds them all). Open it in any web`,
    'browser; it works offline and prints.',
  ),
  readmeEntry(
    BUNDLE_FILES.jsonl,
    'The log itself, one JSON record per line. Open this bundle (or this file)',
    'in mbn-diag to see the log and timeline again.',
  ),
  readmeEntry(
    BUNDLE_FILES.csv,
    'The log as a spreadsheet (UTF-8, one row per event). Excel and',
    `LibreOffice Calc open its first ${formatCount(SHEET_RECORDS)} events at most;`,
    `${BUNDLE_FILES.jsonl} holds them all.`,
  ),
  readmeEntry(
    BUNDLE_FILES.trace,
    'Chrome trace: open it at https://ui.perfetto.dev (chrome://tracing takes',
    'up to about 250 MB). Over about 1 GB (a few million events) it is more',
    "than a browser tab holds: run Perfetto's trace_processor --httpd on it,",
    'then open ui.perfetto.dev, which uses it.',
  ),
  readmeEntry(
    BUNDLE_FILES.manifest,
    'What is in the bundle, where it came from, whether personal',
    'identifiers were redacted, and the app, OS, backend and devices.',
  ),
].join('\n')}
`.replace(/\n/g, '\r\n');
