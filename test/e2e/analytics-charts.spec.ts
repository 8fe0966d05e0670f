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
  await expect(map.locator('path[data-region="Afghanistan"]')).toHaveAttribute('data-count', /^[1-9]/);
  expect(foreign).toEqual([]);
});
