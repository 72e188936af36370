/**
 * The V8 flags the app gives its renderer (issue 14: the renderer under 300 MB with a saved log
 * of 211,000 rows open). A saved log arrives a page of 2,000 rows at a time, and each page's copy
 * is short-lived garbage; with V8's default young generation (semi-spaces of up to 16 MB, three
 * of them reserved) that garbage alone held about 80 MB of the renderer's memory while a log
 * loaded. Semi-spaces of 2 MB collect it more often, each collection as quick (what survives is
 * the same page), for the same load time and frame times (bench/timeline.ts measures the renderer
 * with these flags, as the app runs it). Main appends them before the first window opens.
 */
export const RENDERER_JS_FLAGS = '--max-semi-space-size=2';
