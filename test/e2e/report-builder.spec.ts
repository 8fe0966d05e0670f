import { readFile } from 'node:fs/promises';
import { PDFParse } from 'pdf-parse';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { isWithinMarking, type Marking } from '../../src/shared/domain/marking';
import { expect, test } from './fixtures';

test.use({ preUnlocked: true });

const AMBER_EVENT = 'Bombing targeting Tajikistan’s People’s Democratic Party';

test('the report builder previews live, lists what the marking leaves out, reorders sections and writes HTML and PDF', async ({ app, page }) => {
  // Unlock, two report writes (one a PDF through Chromium) and many previews: on a loaded machine this outlasts 90 s.
  test.setTimeout(240_000);
  await app.tab('Report').click();
  const preview = page.getByRole('article', { name: 'Report preview' });
  const leftOut = page.getByLabel('Left out of the report');
  await expect(leftOut).toContainText(AMBER_EVENT);
  await expect(leftOut).toContainText('marked TLP:AMBER, above the report\'s maximum TLP:GREEN');
  await expect(preview).not.toContainText(AMBER_EVENT);
  await expect(preview.locator('.cf-echart svg')).not.toHaveCount(0);

  await page.getByLabel('Summary', { exact: true }).fill('ISK shifted to external operations.');
  await expect(preview).toContainText('ISK shifted to external operations.');

  // Up past the Competing hypotheses section (the demo's matrix), then past Events.
  await page.getByRole('button', { name: 'Move Sources and notes up' }).click();
  await page.getByRole('button', { name: 'Move Sources and notes up' }).click();
  // Main rebuilds the preview a moment later: wait for it.
  await expect
    .poll(async () => {
      const headings = await preview.locator('h2').allTextContents();
      return headings.indexOf('Sources') >= 0 && headings.indexOf('Sources') < headings.indexOf('Events');
    })
    .toBe(true);

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
  // TLP 2.0: the marking on every page, with the page number.
  const parsed = await new PDFParse({ data: new Uint8Array(pdf) }).getText();
  for (const p of parsed.pages) expect(p.text).toContain(`TLP:GREEN · Page ${p.num} of ${parsed.total}`);
});

test('at TLP:GREEN the clipboard summary holds only what the report may hold, under its marking, and the builder shows the size first', async ({ app, page, host, context }) => {
  const demo = buildDemoCase(new Date().toISOString());
  const green = <T extends { marking: Marking }>(records: readonly T[]) => records.filter((r) => isWithinMarking(r.marking, 'TLP:GREEN'));
  const amberTexts = [...demo.events, ...demo.sources, ...demo.series, ...demo.actors].filter((r) => !isWithinMarking(r.marking, 'TLP:GREEN')).map((r) => ('title' in r ? r.title : r.name));
  expect(amberTexts).toContain('Sadoi Khuroson radio episodes (Tajik-language ISK audio), May 2021 – May 2024');

  await app.tab('Report').click();
  await expect(page.getByLabel('Maximum marking')).toHaveValue('TLP:GREEN');
  // The size, section by section, before anything is written.
  const size = page.getByLabel('Report size');
  await expect(size).toContainText(/^About \d+ pages \(A4\)/);
  await expect(size).toContainText(/Actor profiles: \d+ profiles, ~[\d.]+ pages/);

  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  await page.getByRole('button', { name: 'Copy summary as Markdown' }).click();
  await expect(app.toast('on the clipboard as Markdown')).toBeVisible();
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  const lines = markdown.trim().split('\n');
  expect(lines[0]).toBe('**TLP:GREEN**');
  expect(lines.at(-1)).toBe('**TLP:GREEN**');
  expect(markdown).toContain(`| Events | ${green(demo.events).length} |`);
  expect(markdown).toContain(`| Sources | ${green(demo.sources).length} |`);
  expect(markdown).toContain('Records marked up to TLP:GREEN.');
  for (const text of amberTexts) expect(markdown).not.toContain(text);
  expect(markdown).not.toContain('TLP:AMBER');
  await expect(page.getByLabel('Markdown summary')).toHaveValue(markdown);

  // Raising the marking hides the GREEN text (it no longer stands for the report), and a new copy holds the AMBER records.
  await page.getByLabel('Maximum marking').selectOption('TLP:AMBER');
  await expect(page.getByLabel('Markdown summary')).toHaveCount(0);
  await page.getByRole('button', { name: 'Copy summary as Markdown' }).click();
  await expect(page.getByLabel('Markdown summary')).toHaveValue(/^\*\*TLP:AMBER\*\*/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(`| Events | ${demo.events.length} |`);
});
