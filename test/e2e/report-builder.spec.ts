import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

test.use({ preUnlocked: true });

const AMBER_EVENT = 'Bombing targeting Tajikistan’s People’s Democratic Party';

test('the report builder previews live, lists what the marking leaves out, reorders sections and writes HTML and PDF', async ({ app, page }) => {
  await app.tab('Report').click();
  const preview = page.getByRole('article', { name: 'Report preview' });
  const leftOut = page.getByLabel('Left out of the report');
  await expect(leftOut).toContainText(AMBER_EVENT);
  await expect(leftOut).toContainText('marked TLP:AMBER, above the report\'s maximum TLP:GREEN');
  await expect(preview).not.toContainText(AMBER_EVENT);
  await expect(preview.locator('.cf-echart svg')).not.toHaveCount(0);

  await page.getByLabel('Summary', { exact: true }).fill('ISK shifted to external operations.');
  await expect(preview).toContainText('ISK shifted to external operations.');

  await page.getByRole('button', { name: 'Move Sources and notes up' }).click();
  const headings = await preview.locator('h2').allTextContents();
  expect(headings.indexOf('Sources')).toBeLessThan(headings.indexOf('Events'));

  await page.getByLabel('Maximum marking').selectOption('TLP:AMBER');
  await expect(preview).toContainText(AMBER_EVENT);
  await page.getByLabel('Maximum marking').selectOption('TLP:GREEN');

  await page.getByRole('combobox', { name: 'Format' }).selectOption('html');
  let download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Write report' }).click();
  const html = await readFile(await (await download).path(), 'utf8');
  expect(html).toContain('ISK shifted to external operations.');
  expect(html).not.toContain(AMBER_EVENT);
  expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);

  await page.getByRole('combobox', { name: 'Format' }).selectOption('pdf');
  download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Write report' }).click();
  const pdf = await readFile(await (await download).path());
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
});
