/**
 * What opens a Chrome trace of a given size. chrome://tracing (the legacy trace viewer) takes
 * about 256 MB of JSON; ui.perfetto.dev parses in the browser tab, whose memory is typically
 * capped near 2 GB and holds a trace in more than its file's size, so a trace past about 1 GB
 * needs Perfetto's trace_processor running natively, which the UI then uses. A week-long kiosk
 * log makes a trace of about 3 GB (some 300 MB a million events): said when one is exported,
 * rather than left to a browser tab that crashes while loading it.
 */
import { formatBytes } from './format-bytes.js';

const MB = 1024 * 1024;
const LEGACY_VIEWER_BYTES = 256 * MB;
const BROWSER_TAB_BYTES = 1024 * MB;

/** Whether a trace of `bytes` is more than a browser tab holds (the window warns of it). */
export function pastBrowserTab(bytes: number): boolean {
  return bytes > BROWSER_TAB_BYTES;
}

/** What to open a trace of `bytes` with, when it is more than chrome://tracing takes. */
export function traceSizeWords(bytes: number): string | null {
  if (pastBrowserTab(bytes))
    return `At ${formatBytes(bytes)} it is more than a browser tab holds: run Perfetto's trace_processor --httpd on it, then open ui.perfetto.dev, which uses it.`;
  if (bytes > LEGACY_VIEWER_BYTES)
    return `At ${formatBytes(bytes)} it is more than chrome://tracing opens: open it at ui.perfetto.dev.`;
  return null;
}
