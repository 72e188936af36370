/**
 * How many records from a log's start the HTML report lists (after them, only those with a
 * problem: electron/core/export/html-log-cap.ts). Shared so that every place that describes the
 * report (the export panel's format list, the bundle's manifest and README) says its number.
 */
export const REPORT_LOG_RECORDS = 100_000;
