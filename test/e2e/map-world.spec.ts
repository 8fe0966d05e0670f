import type { Locator, Page } from '@playwright/test';
import type { Event } from '../../src/shared/domain/event';
import { expect, test } from './fixtures';
import type { AppPage } from './pages/AppPage';
import { applyTheme, audit, describeFinding } from './pages/axe';
import { testEvent } from './records';

/**
 * issue #18 point 2: the world map. A case gets events in Somalia and Kenya (beside the demo
 * case's own); the map offers them as a preset, fits them, zooms, clusters places with counts
 * that zoom in on click, shades Somali admin-1 areas and says what each number counts.
 */

test.use({ preUnlocked: true });

interface Spot {
  id: string;
  country: 'SO' | 'KE';
  admin1: string;
  lat?: number;
  lon?: number;
}

/** 12 events in and around Mogadishu (one cluster when zoomed out), 3 in Kismayo, 2 known to Bay only, 3 in Kenya. */
const SPOTS: Spot[] = [
  ...Array.from({ length: 12 }, (_, i): Spot => ({ id: `mog-${i}`, country: 'SO', admin1: 'Banadir', lat: 2.03 + (i % 4) * 0.01, lon: 45.3 + Math.floor(i / 4) * 0.01 })),
  ...Array.from({ length: 3 }, (_, i): Spot => ({ id: `kis-${i}`, country: 'SO', admin1: 'Lower Juba', lat: -0.36, lon: 42.54 })),
  { id: 'bay-0', country: 'SO', admin1: 'Bay' },
  { id: 'bay-1', country: 'SO', admin1: 'Bay' },
  { id: 'man-0', country: 'KE', admin1: 'North-Eastern', lat: 3.94, lon: 41.86 },
  { id: 'gar-0', country: 'KE', admin1: 'North-Eastern', lat: -0.45, lon: 39.65 },
  { id: 'lam-0', country: 'KE', admin1: 'Coast', lat: -2.27, lon: 40.9 },
];

function spotEvent(s: Spot): Event {
  const located = s.lat !== undefined ? { lat: s.lat, lon: s.lon, geoPrecision: 'exact' as const } : { geoPrecision: 'admin1' as const };
  return { ...testEvent(`event--map-${s.id}`, `Map probe ${s.id}`), location: { country: s.country, admin1: s.admin1, place: s.id, ...located } };
}

/** Adds the spots once the app has loaded the case (a call made while the page still loads is cut off). */
async function addSpots(app: AppPage): Promise<void> {
  await expect(app.caseName).toHaveText(/demo/);
  await expect(app.viewPanel('Timeline').getByText(/\d+ events in view/)).toBeVisible();
  // Added from the Map view: it redraws once the edits settle, where the timeline would redraw on each.
  await app.page.getByRole('tab', { name: 'Map', exact: true }).click();
  for (const s of SPOTS) expect((await app.ipc('records:put', { collection: 'events', record: spotEvent(s) })).ok).toBe(true);
}

async function openMap(page: Page): Promise<Locator> {
  await page.getByRole('tab', { name: 'Map', exact: true }).click();
  const panel = page.getByRole('tabpanel', { name: 'Map' });
  await expect(panel.locator('.cf-map-stage svg')).toBeVisible();
  return panel;
}

/** The view's scale (the stage's data-k). */
async function scale(panel: Locator): Promise<number> {
  return Number(await panel.locator('.cf-map-stage svg').getAttribute('data-k'));
}

/** Events in the clusters and dots drawn inside the stage, and whether any is drawn outside it. */
async function drawnEvents(panel: Locator): Promise<{ inside: number; outside: number }> {
  return panel.locator('.cf-map-stage svg').evaluate((svg) => {
    let inside = 0;
    let outside = 0;
    const at = (x: number, y: number, n: number) => (x >= 0 && y >= 0 && x <= 960 && y <= 560 ? (inside += n) : (outside += n));
    for (const g of svg.querySelectorAll('.cf-map-cluster')) {
      const [, x, y] = /translate\(([-\d.e]+) ([-\d.e]+)\)/.exec(g.getAttribute('transform') ?? '') ?? [];
      at(Number(x), Number(y), Number(g.getAttribute('data-events')));
    }
    for (const c of svg.querySelectorAll('.cf-map-point')) at(Number(c.getAttribute('cx')), Number(c.getAttribute('cy')), Number(c.getAttribute('data-count')));
    return { inside, outside };
  });
}

test('a case with events in Somalia and Kenya: presets, fit, zoom, clusters, choropleth, legend and honest counts', async ({ app, page }) => {
  await addSpots(app);
  const panel = await openMap(page);
  const map = panel.getByRole('combobox', { name: 'Map' });

  // Presets come from the data: the two neighbours as one region, each country alone; fit-to-data is the default.
  await expect(map).toHaveValue('fit');
  await expect(map.locator('option', { hasText: 'Somalia and Kenya (20 events)' })).toHaveCount(1);
  await expect(map.locator('option', { hasText: /^Somalia \(17 events\)$/ })).toHaveCount(1);

  // Fit to data: every event with coordinates of the whole case (the demo's too) is drawn inside the stage.
  const located = (await app.ipc('analytics:world-map', { filter: {}, policy: 'exclude' })) as { ok: true; value: { groups: { withCoordinates: number } } };
  await expect.poll(() => drawnEvents(panel)).toEqual({ inside: located.value.groups.withCoordinates, outside: 0 });

  await map.selectOption({ label: 'Somalia and Kenya (20 events)' });
  await expect(panel.locator('.cf-map-stage svg')).toHaveAttribute('aria-label', /Somalia and Kenya/);
  // The region's 18 located events are all on screen.
  await expect.poll(async () => (await drawnEvents(panel)).inside).toBeGreaterThanOrEqual(18);

  // Choropleth: Somali admin-1 shapes (loaded for the country) with exact counts; aliases fold onto Natural Earth's names.
  await expect(panel.locator('path[data-country="SO"][data-region]')).toHaveCount(14);
  await expect(panel.locator('path[data-country="SO"][data-region="Banaadir"]')).toHaveAttribute('data-count', '12');
  await expect(panel.locator('path[data-country="SO"][data-region="Jubbada Hoose"]')).toHaveAttribute('data-count', '3');
  await expect(panel.locator('path[data-country="SO"][data-region="Bay"]')).toHaveAttribute('data-count', '2');
  await expect(panel.locator('path[data-country="SO"][data-region="Gedo"]')).toHaveAttribute('data-count', '0');

  // Legend and the note say what is counted and how places are grouped.
  await expect(panel.getByRole('group', { name: 'Legend' })).toBeVisible();
  await expect(panel.getByRole('group', { name: 'Legend' })).toContainText('cluster of nearby places');
  await expect(panel.locator('.cf-coverage')).toContainText(/admin-1 areas? of \d+ countr/);
  await expect(panel.locator('.cf-coverage')).toContainText(/with coordinates at \d+ places \(distinct coordinates\)/);
  await expect(panel.getByRole('table', { name: 'Events by admin-1 area' })).toContainText('Banaadir');

  // Zoom by button and by keyboard, both ways.
  const k0 = await scale(panel);
  await panel.getByRole('button', { name: 'Zoom in', exact: true }).click();
  await expect.poll(() => scale(panel)).toBeCloseTo(k0 * 2, 2);
  await panel.getByRole('button', { name: 'Zoom out', exact: true }).click();
  await expect.poll(() => scale(panel)).toBeCloseTo(k0, 2);
  await panel.locator('.cf-map-stage').focus();
  await page.keyboard.press('+');
  await expect.poll(() => scale(panel)).toBeCloseTo(k0 * 2, 2);
  await page.keyboard.press('-');
  await expect.poll(() => scale(panel)).toBeCloseTo(k0, 2);

  // Mogadishu's 12 events are one cluster at this zoom; it shows its count and zooms in on click.
  const cluster = panel.locator('.cf-map-cluster[data-events="12"]');
  await expect(cluster).toHaveCount(1);
  await expect(cluster.locator('text')).toHaveText('12');
  const before = await scale(panel);
  await cluster.click();
  await expect.poll(() => scale(panel)).toBeGreaterThan(before);
  // Zoomed in, the cluster has split into smaller clusters or single places, which still hold the 12 events.
  await expect(panel.locator('.cf-map-cluster[data-events="12"]')).toHaveCount(0);
  await expect.poll(async () => (await drawnEvents(panel)).inside).toBeGreaterThanOrEqual(12);

  // Drag pans the map.
  const stage = panel.locator('.cf-map-stage svg');
  const box = (await stage.boundingBox())!;
  const transform = () => panel.locator('.cf-map-stage svg > g').first().getAttribute('transform');
  const still = await transform();
  await page.mouse.move(box.x + 100, box.y + 100);
  await page.mouse.down();
  await page.mouse.move(box.x + 200, box.y + 160, { steps: 5 });
  await page.mouse.up();
  await expect.poll(transform).not.toBe(still);

  // The spread policy shares Somali events known to no area over its areas as estimates, marked "≈".
  await panel.getByRole('combobox', { name: 'Imprecise dates and places' }).selectOption('spread');
  await expect(panel.getByRole('table', { name: 'Events by admin-1 area' })).toContainText('≈');
});

test('the Map view with world data has no WCAG 2.1 A/AA violation in either theme', async ({ app, page }) => {
  test.setTimeout(120_000);
  await addSpots(app);
  for (const theme of ['light', 'dark'] as const) {
    await applyTheme(page, theme);
    const panel = await openMap(page);
    await expect(panel.locator('.cf-map-cluster').first()).toBeVisible();
    const found = await audit(page, `Map [${theme}]`);
    expect(found.map(describeFinding)).toEqual([]);
  }
});
