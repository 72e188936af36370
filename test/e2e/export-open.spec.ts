/**
 * Export from the app and opening saved logs, in Chromium against the preview: the file is on
 * disk where the preview host said, redacted unless the technician deliberately ticked it off;
 * the exported log opens read-only with the same events; a damaged file shows its problem and
 * what was readable; a file that is not a log says so.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXIS_HEIGHT, LANE_HEIGHT } from '../../renderer/src/timeline/geometry.js';
import { errorLog } from '../support/error-log.js';
import { axeViolations } from './axe.js';
import { openApp, readableRows, screenshot, seedHistory, type Session } from './harness.js';
import { comesIntoView } from './in-view.js';

describe('export and saved logs', () => {
  let s: Session;
  let deviceIds: string[];
  const files = () => readdirSync(s.preview.filesDir).sort();
  /** The file the last export wrote, by the name the app showed the technician. */
  const savedName = async () =>
    (await s.page
      .getByRole('status')
      .filter({ hasText: /^Saved/ })
      .locator('strong')
      .textContent()) ?? '';
  let redactedName = '';

  beforeAll(async () => {
    s = await openApp();
    await seedHistory(s.page);
    s.preview.engine.journal.flush();
    deviceIds = s.preview.engine.journal
      .readPage(1, 1000)
      .flatMap((r) => (r.kind === 'device-info' ? [r.deviceId] : []));
    expect(deviceIds.length).toBeGreaterThan(0);
    await s.page.getByRole('button', { name: 'Export & open' }).click();
  });
  afterAll(async () => {
    await s.close();
  });

  it('exports with identifiers redacted by default, into the folder the preview names', async () => {
    await s.page.getByText(s.preview.filesDir).first().waitFor();
    await s.page.getByRole('radio', { name: /JSON Lines log/ }).check();
    expect(
      await s.page.getByRole('checkbox', { name: /Leave personal identifiers/ }).isChecked(),
    ).toBe(false);
    await s.page.getByRole('button', { name: 'Export…' }).click();
    const status = s.page.getByRole('status').filter({ hasText: /^Saved/ });
    await status.waitFor();
    expect(await status.textContent()).toMatch(/Personal identifiers were redacted/);
    redactedName = await savedName();
    expect(files()).toEqual([redactedName]);
    expect(redactedName).toMatch(/\.jsonl$/);
    const text = readFileSync(join(s.preview.filesDir, redactedName), 'utf8');
    expect(text).toContain('E_ACCESSDENIED');
    for (const id of deviceIds) expect(text).not.toContain(id);
    expect(await axeViolations(s.page)).toEqual([]);
    await screenshot(s.page, 'export-done-redacted');
  });

  it('leaves identifiers in only after the technician ticks the box, for that export only', async () => {
    await s.page.getByRole('checkbox', { name: /Leave personal identifiers/ }).check();
    await s.page.getByText('Redaction is OFF for this export.').waitFor();
    await screenshot(s.page, 'export-redaction-off');
    await s.page.getByRole('button', { name: 'Export WITHOUT redaction…' }).click();
    const unredacted = s.page.getByRole('status').filter({ hasText: /were NOT redacted/ });
    await unredacted.waitFor();
    // Said in the warning's colours, not the calm blue of a redacted result.
    expect(await unredacted.getAttribute('class')).toBe('notice warn');
    const name = await savedName();
    expect(name).not.toBe(redactedName);
    const text = readFileSync(join(s.preview.filesDir, name), 'utf8');
    expect(deviceIds.some((id) => text.includes(id))).toBe(true);
    // The next export is redacted again unless ticked again.
    expect(
      await s.page.getByRole('checkbox', { name: /Leave personal identifiers/ }).isChecked(),
    ).toBe(false);
    // A choice for the next export takes the last one's result off the screen: its "NOT
    // redacted" read as said of the next, under the box that says it will be redacted.
    await s.page.getByRole('radio', { name: /CSV spreadsheet/ }).check();
    expect(await unredacted.count()).toBe(0);
    await s.page.getByRole('radio', { name: /JSON Lines log/ }).check();
  });

  it('opens the exported log read-only, with the same events in its log and timeline', async () => {
    const name = redactedName;
    // From the keyboard: the focus goes to the log just opened, not to the page's body.
    await s.page.getByRole('button', { name: `Open ${name}` }).focus();
    await s.page.keyboard.press('Enter');
    const banner = s.page.getByRole('region', { name: /Saved log \(read-only\)/ });
    await banner.waitFor();
    expect(await banner.textContent()).toContain(name);
    await expect
      .poll(() => s.page.evaluate(() => document.activeElement?.id))
      .toBe('saved-heading');
    const records = recordCount(readFileSync(join(s.preview.filesDir, name), 'utf8').split('\n'));
    await s.page.getByText(`${records} entries`).waitFor();
    await s.page.locator('.log-status').getByText('Read-only', { exact: true }).waitFor();
    await s.page.getByRole('searchbox', { name: 'Search the log' }).fill('E_ACCESSDENIED');
    await s.page
      .locator('.log-scroll .log-row')
      .filter({ hasText: 'close refused at once: E_ACCESSDENIED' })
      .waitFor();
    await s.page.getByRole('button', { name: 'Clear filters' }).click();
    const canvas = s.page.getByRole('img', { name: /^Timeline of requests/ });
    expect(await canvas.getAttribute('data-spans')).toBe('3');
    // Nothing in a saved log can be sent: there is no "follow live" and no session buttons.
    expect(await s.page.getByRole('button', { name: /Follow live|Close session/ }).count()).toBe(0);
    expect(await axeViolations(s.page)).toEqual([]);
    await screenshot(s.page, 'saved-log-view');
  });

  // A saved log is opened to be read: at 1366x768 its timeline's own height left the log two rows.
  it('at 1366x768 shows the saved log four rows or more under a timeline that keeps its lanes', async () => {
    expect(s.page.viewportSize()).toEqual({ width: 1366, height: 768 });
    expect(await readableRows(s.page)).toBeGreaterThanOrEqual(4);
    const stage = await s.page
      .locator('.timeline-stage')
      .evaluate((el) => el.getBoundingClientRect().height);
    // The time axis and at least four lanes.
    expect(stage).toBeGreaterThanOrEqual(AXIS_HEIGHT + 4 * LANE_HEIGHT);
  });

  it('on half a 13-inch screen (683x768) keeps the timeline within its pane, above the log', async () => {
    await s.page.setViewportSize({ width: 683, height: 768 });
    try {
      const spill = () =>
        s.page
          .locator('.timeline-view > .timeline')
          .evaluate((el) => el.scrollHeight - el.clientHeight);
      await expect.poll(spill).toBeLessThanOrEqual(1);
      expect(await readableRows(s.page)).toBeGreaterThanOrEqual(1);
      await screenshot(s.page, 'saved-log-view-683x768');
    } finally {
      await s.page.setViewportSize({ width: 1366, height: 768 });
    }
  });

  // A support engineer who opened a customer's log could only export the live session from the
  // window: the saved log itself only through the CLI. Then it was offered below the live
  // session, which stayed chosen: the log just opened is now.
  it('exports the saved log open in the window, chosen by default, not the session', async () => {
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await s.page.getByRole('heading', { name: 'Export', exact: true }).waitFor();
    expect(await s.page.getByRole('radio', { name: /The saved log/ }).isChecked()).toBe(true);
    await s.page.getByRole('radio', { name: /JSON Lines log/ }).check();
    await screenshot(s.page, 'export-saved-log');
    await s.page.getByRole('button', { name: 'Export…' }).click();
    const saved = s.page
      .getByRole('status')
      .filter({ hasText: /^Saved/ })
      .filter({ hasNotText: redactedName });
    await saved.waitFor();
    // Seen without hunting for it at 1366×768, Export… still in view above it, focus kept on it.
    await comesIntoView(saved);
    await comesIntoView(s.page.getByRole('button', { name: 'Export…' }));
    expect(await s.page.evaluate(() => document.activeElement?.textContent)).toBe('Export…');
    await screenshot(s.page, 'export-saved-log-done');
    const name = await savedName();
    const [header = '', ...lines] = readFileSync(join(s.preview.filesDir, name), 'utf8').split(
      '\n',
    );
    // Its header names the saved log as its source, and it holds that log's records.
    expect((JSON.parse(header) as { source?: string }).source).toBe(redactedName);
    expect(recordCount(lines)).toBe(
      recordCount(readFileSync(join(s.preview.filesDir, redactedName), 'utf8').split('\n')),
    );
    await s.page.getByRole('radio', { name: 'This session (live)' }).check();
    await s.page.getByRole('button', { name: 'Saved log' }).click();
  });

  // A long log is still paging in when the technician opens another: its pages went on arriving,
  // and the next one failed with "That saved log is no longer open", shown in the open panel.
  it('opening another log while a long one is still reading shows only the new one', async () => {
    writeFileSync(
      join(s.preview.filesDir, 'long.jsonl'),
      errorLog(120_000, (n) => `long log entry ${String(n)}`, 'test'),
    );
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await s.page.getByRole('button', { name: 'Open long.jsonl' }).click();
    await s.page.getByText(/Reading… [\d,]+ records so far/).waitFor();
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await s.page.getByRole('button', { name: `Open ${redactedName}` }).click();
    const records = recordCount(
      readFileSync(join(s.preview.filesDir, redactedName), 'utf8').split('\n'),
    );
    await s.page.getByText(`${records} entries`).waitFor();
    // Long enough for the long log's next pages, had they still been asked for.
    await s.page.waitForTimeout(1500);
    expect(await s.page.getByText(`${records} entries`).count()).toBe(1);
    expect(await s.page.getByText('long log entry').count()).toBe(0);
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    expect(await s.page.getByText(/no longer open/).count()).toBe(0);
    await s.page.getByRole('button', { name: 'Saved log' }).click();
  });

  it('a damaged file shows what was wrong in words, and every readable entry', async () => {
    const lines = readFileSync(join(s.preview.filesDir, redactedName), 'utf8').split('\n');
    lines.splice(4, 0, '{"v":1,"seq":4,"kind":"request", this line was damaged');
    writeFileSync(join(s.preview.filesDir, 'damaged.jsonl'), lines.join('\n'));
    writeFileSync(join(s.preview.filesDir, 'notes.jsonl'), 'shopping list\nmilk\n'.repeat(40));
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await s.page.getByRole('button', { name: 'Open damaged.jsonl' }).click();
    const alert = s.page.getByRole('alert').filter({ hasText: /could not be read/ });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Line 5: \S+/);
    await s.page.getByText(`${recordCount(lines)} entries`).waitFor();
    await screenshot(s.page, 'saved-log-damaged');

    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await s.page.getByRole('button', { name: 'Open notes.jsonl' }).click();
    const refused = s.page.getByRole('alert').filter({ hasText: /notes\.jsonl/ });
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/not .*log/i);
    await screenshot(s.page, 'open-not-a-log');
  });

  // The banner listed every damaged line (up to 50): with a dozen, the timeline under it was
  // drawn over the log's heading and filters, at 1366x768 and at 683x768 alike.
  it('a file with many damaged lines keeps the timeline above the log, at full and half width', async () => {
    const lines = readFileSync(join(s.preview.filesDir, redactedName), 'utf8').split('\n');
    for (let i = 0; i < 12; i += 1) lines.splice(3 + i * 2, 0, `damaged line ${String(i)}`);
    writeFileSync(join(s.preview.filesDir, 'many-damaged.jsonl'), lines.join('\n'));
    // Away and back: the open panel lists the folder as it is shown.
    await s.page.getByRole('button', { name: 'Live session' }).click();
    await s.page.getByRole('button', { name: 'Export & open' }).click();
    await s.page.getByRole('button', { name: 'Open many-damaged.jsonl' }).click();
    const alert = s.page.getByRole('alert').filter({ hasText: /could not be read/ });
    await alert.waitFor();
    // Every damaged line is still listed, to be scrolled to, and how many is said above the
    // list, which shows two at a time.
    expect(await alert.getByRole('listitem').count()).toBe(12);
    expect(await alert.locator('strong').textContent()).toBe(
      'Part of this file could not be read (12 lines); everything readable is shown.',
    );
    for (const width of [1366, 683]) {
      await s.page.setViewportSize({ width, height: 768 });
      try {
        // The lanes end above the bar, and nothing of the timeline lies over the log's heading
        // or its filters: each is what a click at its centre reaches.
        const stageEnd = async () => {
          const stage = await s.page.locator('.timeline-stage').boundingBox();
          const bar = await s.page
            .getByRole('separator', { name: 'Timeline and log' })
            .boundingBox();
          return stage && bar ? stage.y + stage.height - bar.y : Infinity;
        };
        await expect.poll(stageEnd).toBeLessThanOrEqual(1);
        const covered = await s.page.locator('.timeline-view > .log').evaluate((log) =>
          [log.querySelector('h2'), ...log.querySelectorAll('select, input')].flatMap((el) => {
            const r = el?.getBoundingClientRect();
            if (!el || !r) return [];
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return hit && log.contains(hit) ? [] : [el.outerHTML.slice(0, 60)];
          }),
        );
        expect(covered).toEqual([]);
        expect(await readableRows(s.page)).toBeGreaterThanOrEqual(1);
        await screenshot(s.page, `saved-log-many-damaged-${String(width)}x768`);
      } finally {
        await s.page.setViewportSize({ width: 1366, height: 768 });
      }
    }
    expect(await axeViolations(s.page)).toEqual([]);
  });
});

/**
 * The records a file holds (its readable lines with a sequence number), counted from the file
 * itself: the live journal it was exported from keeps growing (the default scenario notifies).
 */
function recordCount(lines: readonly string[]): number {
  return lines.filter((line) => {
    try {
      return typeof (JSON.parse(line) as { seq?: unknown }).seq === 'number';
    } catch {
      return false;
    }
  }).length;
}
