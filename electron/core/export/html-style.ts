/**
 * The report's stylesheet, inline so the file needs nothing else (its hash is the report's
 * Content-Security-Policy's: format-html.ts). The sections are written in the order they are read
 * (format-html.ts), so nothing here reorders them: moved up with flex `order`, the summary showed
 * only once the browser had parsed the whole file.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ok:#2e7d32; --bad:#c62828; --warn:#ef6c00; --late:#f9a825; --muted:#5f6368; --line:#d0d7de; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2328; background: #fff; }
/* As wide as a 13-inch screen and a little more: held to 1180 px, the log left 93 px empty on
   each side at 1366 px while its rows wrapped to three lines. */
.report { display: flex; flex-direction: column; gap: 8px; max-width: 1600px; margin: 0 auto; padding: 20px 24px 40px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 18px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.meta { color: var(--muted); margin: 0; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; border: 1px solid; }
.badge.on { color: var(--ok); border-color: var(--ok); background: #e8f5e9; }
.badge.off { color: var(--bad); border-color: var(--bad); background: #ffebee; }
.overview { display: flex; flex-wrap: wrap; gap: 10px; margin: 10px 0; }
.figure { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; min-width: 120px; }
.figure b { display: block; font-size: 20px; } .figure span { color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; font-size: 12px; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.summary td.bad { color: var(--bad); font-weight: 600; } .summary td.warn { color: var(--warn); font-weight: 600; }
.summary td.good { color: var(--ok); font-weight: 600; }
.kv th { width: 190px; background: none; font-size: 14px; }
.log-wrap { overflow-x: auto; }
/* The summary and device tables scroll in their own box on a narrow screen (half a 13-inch one):
   they ran off the page, and p95, max, Overdue, Late and Abandoned with them. */
.table-wrap { overflow-x: auto; }
.log { font-size: 12px; }
/* A long word breaks where it must: unbroken, one HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED) in the
   Result and Details columns pushed Details off the right of a 1366 px screen, and a longer
   value (a backend's message, a path) off an 1800 px one. \`anywhere\`, not \`break-word\`, so the
   table's column widths allow for the break; word-break for browsers without it. The Result
   column's names break after their "(" instead (format-html.ts), not mid-word. */
.log td.d, .kv td { word-break: break-word; overflow-wrap: anywhere; }
.log td.n, .log td.t { white-space: nowrap; } .log td.d { min-width: 240px; }
.log .answer { color: var(--muted); margin-top: 2px; }
.log td.tm { min-width: 96px; } .nw { white-space: nowrap; }
/* On a screen, the explanation stays in view (the table wraps rather than scrolling it away). */
@media screen and (max-width: 1600px) { .log td.t { white-space: normal; } .log td.t .mono { white-space: nowrap; } }
/* The event (4th column), the device (5th) and the service (6th) on one line: "request-" /
   "returned" and "EM120R-" / "GL" read as two things, and "Sierra diagnostics stream" in three
   lines made every row of it three lines tall. By position, not a class, which would be bytes on
   every row. */
.log td:nth-child(4), .log td:nth-child(5), .log td:nth-child(6) { white-space: nowrap; }
.log tr.run-line td { font-weight: 600; background: #eef1f4; }
/* Where the log fits the page's width, its header stays in view as a long log scrolls (after a
   few screens of 30,000 records "t (ms)", "Request" and "Result" had no label). The box that
   scrolls it sideways on a narrow screen would hold it instead, so it scrolls with the page. */
@media screen and (min-width: 1000px) { .log-wrap { overflow: visible; } .log thead th { position: sticky; top: 0; z-index: 1; } }
.log tr.failed td { background: #ffebee; } .log tr.overdue td { background: #fff3e0; }
.log tr.late td { background: #fff8e1; } .log tr.abandoned td { background: #eeeeee; }
.log tr.device td { background: #e3f2fd; } .log tr.error td { background: #ffebee; }
.mono { font-family: Consolas, "Cascadia Mono", Menlo, monospace; }
.timeline-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
.timeline { display: block; max-width: 100%; height: auto; font: 12px "Segoe UI", system-ui, sans-serif; }
.tl-dev { font-weight: 600; fill: #1f2328; } .tl-svc { fill: #1f2328; }
.tl-devrow { fill: #f6f8fa; } .tl-grid { stroke: #eaeef2; } .tl-axis { stroke: #57606a; }
.tl-tick { stroke: #eaeef2; } .tl-ticklabel { fill: var(--muted); text-anchor: middle; font-size: 11px; }
.tl-axislabel { fill: var(--muted); text-anchor: end; font-size: 11px; }
.tl-glyph { fill: #fff; font-size: 10px; font-weight: 700; text-anchor: middle; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 8px 0; font-size: 12px; color: #1f2328; }
.legend svg { vertical-align: middle; margin-right: 4px; } .legend .tl-defs { position: absolute; }
.note { color: var(--muted); font-size: 13px; }
/* Where the report's log leaves records out: said where a reader looks, not in grey small print. */
.held { border-left: 4px solid var(--warn); background: #fff8e1; padding: 6px 10px; margin: 8px 0; }
.note.held { color: #1f2328; font-size: 14px; }
details.chunk { margin: 6px 0; } details.chunk summary { cursor: pointer; color: #0969da; }
details.chunk.problems summary { color: var(--bad); }
details.chunk pre { font-size: 11px; line-height: 1.35; overflow-x: auto; background: #f6f8fa; padding: 8px; margin: 4px 0; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { font-size: 11px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .report { max-width: none; padding: 0; }
  .timeline-wrap { overflow: visible; border: none; }
  .timeline { width: 100%; }
  h2 { break-after: avoid; } tr, .figure, .timeline { break-inside: avoid; }
  .log-wrap, .table-wrap { overflow: visible; }
  .log { font-size: 9px; } .log td.d { min-width: 0; }
  details.chunk:not([open]) { display: none; }
}
`;
