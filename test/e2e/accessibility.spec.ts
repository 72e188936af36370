/**
 * axe-core finds no violations on the main screen, in light and dark, in its busy states
 * (confirmation armed, outcomes shown, log filtered); screenshots of each are kept.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';
import { openApp, screenshot, serviceRow, type Session } from './harness.js';

async function busyScreen(s: Session): Promise<void> {
  await serviceRow(s.page, 'Sierra diagnostics stream')
    .getByRole('button', { name: /^Close session/ })
    .click();
  await serviceRow(s.page, 'SMS')
    .getByRole('button', { name: /^Close session/ })
    .click();
  await serviceRow(s.page, 'Phonebook')
    .getByRole('button', { name: /^Close session/ })
    .click();
  await serviceRow(s.page, 'SMS').locator('.outcome').waitFor();
  await serviceRow(s.page, 'Sierra diagnostics stream')
    .locator('.outcome')
    .getByText(/succeeded/)
    .waitFor();
  await serviceRow(s.page, 'USSD')
    .getByRole('button', { name: /^Close session/ })
    .click();
  await s.page.getByRole('group', { name: 'Confirm Close for USSD' }).waitFor();
}

describe.each(['light', 'dark'] as const)('accessibility in %s', (colorScheme) => {
  let s: Session | undefined;
  afterAll(async () => {
    await s?.close();
  });

  it('has no axe violations on the main screen, idle and busy', async () => {
    s = await openApp({ colorScheme });
    await s.page.getByText('Following live').waitFor();
    expect(await axeViolations(s.page)).toEqual([]);
    await screenshot(s.page, `main-${colorScheme}`);
    await busyScreen(s);
    expect(await axeViolations(s.page)).toEqual([]);
    await screenshot(s.page, `main-busy-${colorScheme}`);
    await s.page.getByRole('combobox', { name: 'Filter by outcome' }).selectOption('problems');
    await s.page.getByText(/entries match$/).waitFor();
    expect(await axeViolations(s.page)).toEqual([]);
    await s.page.getByRole('button', { name: 'Show device IDs' }).click();
    await screenshot(s.page, `log-problems-${colorScheme}`);
  });

  it('has no axe violations with a service’s Commands section unfolded', async () => {
    if (!s) throw new Error('the previous test did not open the app');
    const name = 'Sierra diagnostics stream';
    await serviceRow(s.page, name)
      .getByRole('button', { name: `Commands: ${name}` })
      .click();
    const section = s.page.getByRole('region', { name: `Commands of ${name}` });
    await section.getByRole('button', { name: 'List commands' }).click();
    await section.getByRole('button', { name: 'List again' }).waitFor();
    // An unlisted CID marked, and data over the size limit refused in words.
    await section.getByRole('combobox', { name: 'Command ID' }).fill('9');
    await section.getByRole('textbox', { name: 'Data (hex)' }).fill('00'.repeat(4097));
    await section.getByText(/takes at most 4096 bytes/).waitFor();
    expect(await axeViolations(s.page)).toEqual([]);
    await screenshot(s.page, `commands-${colorScheme}`);
  });
});
