import { expect, test } from './fixtures';

test.use({ preUnlocked: true });

const TITLE = 'Writer probe: external operations';
const SOURCE = 'From Tajikistan to Moscow and Iran: Mapping the Local and Transnational Threat of Islamic State Khorasan';
const PASHTO = 'په ۲۰۲۱ کال کې بریدونه زیات شول';

test('writes a report in the case: paragraphs (one right to left), a citation by @ numbered 1, kept over a reload, undone by the case undo', async ({ app, page }) => {
  test.setTimeout(180_000);
  await app.tab('Report').click();
  await page.getByRole('button', { name: 'Written reports' }).click();
  await page.getByLabel('New report').fill(TITLE);
  await page.getByRole('button', { name: 'Create' }).click();

  const body = page.getByRole('textbox', { name: `Text of ${TITLE}` });
  await expect(body).toBeVisible();
  await body.click();
  await page.keyboard.type('Attacks rose sharply in 2021.');
  await page.keyboard.press('Enter');
  await page.keyboard.type(PASHTO);
  await page.keyboard.press('Enter');
  await page.keyboard.type('The shift is documented');
  await page.keyboard.type('@Mapping the Local');
  const option = page.getByRole('option', { name: new RegExp(`^${SOURCE.slice(0, 40)}`) });
  await expect(option).toBeVisible();
  await page.keyboard.press('Enter');
  await page.keyboard.type(' in the case.');

  const note = body.locator('sup.cf-citation');
  await expect(note).toHaveText('1');
  await expect(note).toHaveAttribute('title', SOURCE);
  const rtl = body.locator('p', { hasText: PASHTO });
  expect(await rtl.evaluate((p) => getComputedStyle(p).direction)).toBe('rtl');
  expect(await body.locator('p', { hasText: 'Attacks rose' }).evaluate((p) => getComputedStyle(p).direction)).toBe('ltr');

  // Activating the note opens the cited record.
  await note.click();
  const card = page.getByRole('dialog', { name: 'Cited source' });
  await expect(card.getByLabel('Cited record')).toContainText('CTC Sentinel');
  await page.keyboard.press('Escape');
  await expect(card).toHaveCount(0);

  // Leaving the editor saves at once; typing became a few journal entries, not one per keystroke.
  await page.getByLabel('Title', { exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  // The note as it will print, formatted from the source record (Chicago notes by default).
  await expect(page.getByRole('region', { name: 'Notes' })).toContainText('CTC Sentinel');
  const history = await app.ipc('history:list', { limit: 50 });
  expect(history.ok).toBe(true);
  const writes = history.ok ? history.value.items.filter((e) => e.summary === `Wrote in written report “${TITLE}”`).length : 0;
  expect(writes).toBeGreaterThanOrEqual(1);
  expect(writes).toBeLessThan(10);

  await page.reload();
  await app.tab('Report').click();
  const listed = await app.ipc('reports:list', {});
  // The demo case carries its own drafted report beside the new one.
  expect(listed.ok ? listed.value.reports.map((r) => r.title) : listed.error.message).toContain(TITLE);
  await page.getByRole('button', { name: 'Written reports' }).click();
  await page.getByRole('menuitem', { name: new RegExp(TITLE) }).click();
  await expect(body).toContainText('Attacks rose sharply in 2021.');
  await expect(body).toContainText(PASHTO);
  // The note number sits between the words.
  await expect(body).toContainText('The shift is documented1 in the case.');
  await expect(body.locator('sup.cf-citation')).toHaveText('1');

  // One more sentence, saved on leaving the editor; the case undo (Ctrl+Z outside the text) takes it back.
  await body.locator('p', { hasText: 'in the case.' }).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' A sentence to undo.');
  await page.getByLabel('Title', { exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  await page.locator('.cf-writer-status').click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(app.toast(`Undo: Wrote in written report “${TITLE}”`)).toBeVisible();
  await expect(body).not.toContainText('A sentence to undo.');
  await expect(body).toContainText('The shift is documented1 in the case.');
});
