import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

test.use({ preUnlocked: true });

test('analytics draws SVG charts from the demo case, honours the imprecision choice, exports SVG, and the offline map shades provinces', async ({ app, page, host, context }) => {
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(host.origin) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  await app.tab('Analytics').click();
  const panel = app.viewPanel('Analytics');
  const byPlace = panel.locator('[data-chart="events-by-year-place"]');
  await expect(byPlace.locator('.cf-echart svg')).toHaveCount(1);
  // The legend of the stacked chart names countries of the demo case, drawn as SVG text.
  await expect(byPlace.locator('.cf-echart svg text', { hasText: /^AF$/ })).not.toHaveCount(0);

  // Spread: year-only events are placed approximately; exclude: they are counted as left out.
  const seasonalNote = panel.locator('[data-chart="seasonal-pattern"] .cf-coverage');
  await expect(seasonalNote).toContainText(/^0 of 64 events left out/);
  await panel.getByRole('combobox', { name: 'Imprecise dates and places' }).selectOption('exclude');
  await expect(seasonalNote).toContainText(/^[1-9]\d* of 64 events left out/);

  const download = page.waitForEvent('download');
  await byPlace.getByRole('button', { name: 'SVG' }).click();
  const file = await (await download).path();
  const svg = await readFile(file, 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg).toContain('Events per year by country');

  const png = page.waitForEvent('download');
  await byPlace.getByRole('button', { name: 'PNG' }).click();
  const pngBytes = await readFile(await (await png).path());
  expect(pngBytes.subarray(1, 4).toString('latin1')).toBe('PNG');

  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  await byPlace.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByText('is on the clipboard as an image')).toBeVisible();
  const types = await page.evaluate(async () => (await navigator.clipboard.read()).flatMap((item) => [...item.types]));
  expect(types).toContain('image/png');

  await page.getByRole('tab', { name: 'Map' }).click();
  const map = page.getByRole('tabpanel', { name: 'Map' });
  await expect(map.locator('path[data-region="Kabul"]')).toHaveCount(1);
  await expect(map.locator('path[data-region="N.W.F.P."]')).toHaveAttribute('data-count', /^[1-9]/);
  await expect(map.locator('.cf-map-point')).not.toHaveCount(0);
  await map.getByRole('combobox', { name: 'Map' }).selectOption('world');
  // The world view still shades the admin-1 areas of every country with events (Afghanistan's among them).
  await expect(map.locator('path[data-region="Kabul"][data-country="AF"]')).toHaveAttribute('data-count', /^[1-9]/);
  expect(foreign).toEqual([]);
});

test('with the filter at TLP:GREEN the sourced-series chart, its picker and its SVG hold no AMBER series', async ({ app, page }) => {
  const AMBER_SERIES = 'External plots linked to ISK in the preceding 12 months';
  const AMBER_MEASURE = 'ISK-linked external plots';
  await app.tab('Analytics').click();
  const card = app.viewPanel('Analytics').locator('[data-chart="series"]');
  const picker = card.getByRole('group', { name: 'Series shown' });
  // Unfiltered, the AMBER series is there to be drawn: the check below can see it.
  await expect(picker.getByText(AMBER_SERIES)).toBeVisible();
  await expect(card.locator('.cf-echart svg text', { hasText: AMBER_MEASURE })).not.toHaveCount(0);

  await page.getByRole('search', { name: 'Event filters' }).getByRole('button', { name: 'Filters' }).click();
  const dialog = page.getByRole('dialog', { name: 'Filter events' });
  await dialog.getByLabel('Marking up to').selectOption('TLP:GREEN');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  await expect(picker.getByText('ISK-claimed attacks per year in Afghanistan and Khyber Pakhtunkhwa')).toBeVisible();
  await expect(picker.getByText(AMBER_SERIES)).toHaveCount(0);
  await expect(card.locator('.cf-echart svg')).toHaveCount(1);
  await expect(card.locator('.cf-echart svg')).not.toContainText(AMBER_MEASURE);
  const download = page.waitForEvent('download');
  await card.getByRole('button', { name: 'SVG' }).click();
  const svg = await readFile(await (await download).path(), 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg).not.toContain(AMBER_MEASURE);
  expect(svg).not.toContain(AMBER_SERIES);
});
