/**
 * Starts the preview in-process (real engine, simulator backend, a journal in a temporary
 * directory) and a page of Debian's Chromium through playwright-core, in a context of its own
 * (its own storage, permissions and settings: a fresh profile's isolation).
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startPreview, type Preview, type PreviewOptions } from '../../electron/preview/preview.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.js';

export const SCREENSHOTS = resolve('test-results/screenshots');

export interface Session {
  preview: Preview;
  context: BrowserContext;
  page: Page;
  /** Console errors and CSP violations the page reported. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * One browser for every session of the run (the specs share one process: isolate: false in
 * vitest.config.ts), launched again if it went away. Chromium launched with a profile of its own
 * for each session cost about 0.4 s to start and close (a context: under 0.2 s), and more beside
 * the Wine suite in CI. Playwright ends it when the process exits.
 */
let shared: Promise<Browser> | undefined;

async function sharedBrowser(): Promise<Browser> {
  const running = await shared?.catch(() => undefined);
  if (running?.isConnected()) return running;
  shared = chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
  return shared;
}

export async function openApp(
  options: Partial<PreviewOptions> & {
    colorScheme?: 'light' | 'dark';
    timezoneId?: string;
    /** What shows the window is ready: the default scenario's first modem, unless given. */
    ready?: (page: Page) => Promise<void>;
  } = {},
): Promise<Session> {
  const work = mkdtempSync(join(tmpdir(), 'mbn-e2e-'));
  const { colorScheme, timezoneId, ready, ...previewOptions } = options;
  const preview = await startPreview({
    choice: 'auto',
    journalDir: join(work, 'journal'),
    // The preview's one folder for exports and saved logs: a fresh one per test run.
    filesDir: join(work, 'files'),
    ...previewOptions,
  });
  const browser = await sharedBrowser();
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    colorScheme: colorScheme ?? 'light',
    ...(timezoneId ? { timezoneId } : {}),
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(preview.url);
  if (ready) await ready(page);
  else await page.getByRole('button', { name: /EM7565/ }).waitFor();
  return {
    preview,
    context,
    page,
    pageErrors,
    close: async () => {
      await context.close();
      await preview.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/**
 * Log rows wholly inside the log's scrolling area and the window: the rows a technician can read
 * (where the view scrolls, the log's box can reach past the window's bottom).
 */
export async function readableRows(page: Page): Promise<number> {
  return page.locator('.log-scroll').evaluate((scroll) => {
    const box = scroll.getBoundingClientRect();
    const top = Math.max(box.top, 0);
    const bottom = Math.min(box.bottom, window.innerHeight);
    return [...scroll.querySelectorAll('.log-row')].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.height > 0 && r.top >= top - 0.5 && r.bottom <= bottom + 0.5;
    }).length;
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** The row of the services table for a service, by its readable name. */
export function serviceRow(page: Page, name: string) {
  return page.locator(`tr[data-service="${name}"]`);
}

/** Some history for the log and timeline: a success, an access denied and a failed completion. */
export async function seedHistory(page: Page): Promise<void> {
  for (const name of ['Sierra diagnostics stream', 'SMS', 'STK (SIM Toolkit)'])
    await serviceRow(page, name)
      .getByRole('button', { name: /^Close session/ })
      .click();
  await serviceRow(page, 'STK (SIM Toolkit)')
    .locator('.outcome')
    .getByText(/failed/)
    .waitFor();
}
