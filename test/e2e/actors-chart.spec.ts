import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { ActorsPage } from './pages/ActorsPage';

test.use({ preUnlocked: true });

test('link chart: as-of date, SVG and PNG export, a node opens a printable profile', async ({ app, page }) => {
  const actors = new ActorsPage(app);
  await actors.open();
  await actors.mode('Link chart').click();
  const canvas = actors.panel.locator('.cf-linkchart-canvas');
  await expect(canvas).toHaveAttribute('data-nodes', /^\d+$/);
  const nodes = Number(await canvas.getAttribute('data-nodes'));
  const allEdges = Number(await canvas.getAttribute('data-edges'));
  expect(nodes).toBeGreaterThan(50);
  expect(allEdges).toBeGreaterThan(20);
  await expect(canvas.locator('canvas').first()).toBeVisible();

  // As of 2016 only relationships already in force then remain.
  await actors.panel.getByLabel('As of date').fill('2016');
  await expect(canvas).not.toHaveAttribute('data-edges', String(allEdges));
  const edges2016 = Number(await canvas.getAttribute('data-edges'));
  expect(edges2016).toBeLessThan(allEdges);
  expect(edges2016).toBeGreaterThan(0);

  const [svgDownload] = await Promise.all([page.waitForEvent('download'), actors.panel.getByRole('button', { name: 'Export SVG' }).click()]);
  expect(svgDownload.suggestedFilename()).toBe('link-chart-as-of-2016.svg');
  const svg = await readFile((await svgDownload.path()) as string, 'utf8');
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain('Islamic State Khorasan Province');
  expect(svg.match(/<circle /g)?.length).toBe(nodes);
  expect(svg.match(/<line /g)?.length).toBe(edges2016);

  const [pngDownload] = await Promise.all([page.waitForEvent('download'), actors.panel.getByRole('button', { name: 'Export PNG' }).click()]);
  expect(pngDownload.suggestedFilename()).toBe('link-chart-as-of-2016.png');
  const png = await readFile((await pngDownload.path()) as string);
  expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

  // Selecting a node (here from the chart's keyboard list) opens the actor's profile.
  await actors.panel.getByText('Actors in the chart (keyboard access)').click();
  await actors.panel.getByRole('list', { name: 'Actors in the chart' }).getByRole('button', { name: 'Islamic State Khorasan Province', exact: true }).click();
  const profile = page.getByRole('article', { name: 'Profile of Islamic State Khorasan Province' });
  await expect(profile).toBeVisible();
  await expect(profile.getByRole('table', { name: 'Names' })).toContainText('ولاية خراسان');
  await expect(profile.getByRole('table', { name: 'Events of the actor' })).toContainText('Crocus');
  await expect(profile.getByRole('group', { name: "Timeline of the actor's events and relationships" })).toBeVisible();
  await expect(profile.getByRole('region', { name: 'Sources' }).getByRole('listitem').first()).toBeVisible();

  // Printing shows the profile alone.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.bp6-navbar')).toBeHidden();
  await expect(profile.getByRole('button', { name: 'Print profile' })).toBeHidden();
  await expect(profile.getByRole('table', { name: 'Names' })).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await profile.getByRole('button', { name: 'Back to actors' }).click();
  await expect(profile).toBeHidden();
});
