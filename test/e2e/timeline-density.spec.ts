import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator } from '@playwright/test';
import { generateCase } from '../../bench/generate';
import { CaseStore } from '../../src/main/store/case-store';
import { startHost } from './host';
import { AppPage } from './pages/AppPage';
import { applyTheme, audit, describeFinding, type Finding, type Theme } from './pages/axe';
import { TimelinePage } from './pages/TimelinePage';

/** The bars the density layer shows (it keeps spare elements hidden). */
const shownBars = (chart: Locator) => chart.locator('.cf-density-layer .cf-density:not([display="none"])');

/** The index of a shown bar whose middle is inside the item area (not under the row labels). */
const barInView = (chart: Locator) =>
  chart.evaluate((root) => {
    const area = root.querySelector('.vis-center')!.getBoundingClientRect();
    const bars = [...root.querySelectorAll('.cf-density-layer .cf-density:not([display="none"]) rect')];
    return bars.findIndex((rect) => {
      const box = rect.getBoundingClientRect();
      const middle = box.left + box.width / 2;
      return middle > area.left + 20 && middle < area.right - 20 && box.width > 20;
    });
  });

const eventsInView = async (timeline: TimelinePage): Promise<number> => {
  const text = (await timeline.page.getByTestId('window-list-count').textContent()) ?? '';
  return Number(/([\d,]+) (?:events? )?in view/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
};

test('density is drawn over the chart: counted bars that follow a drag, a click zooms into one and keeps the selection, both themes pass axe', async ({ page }) => {
  test.setTimeout(150_000);
  const dir = await mkdtemp(join(tmpdir(), 'casefile-e2e-density-'));
  const passphrase = 'timeline density e2e passphrase';
  const store = join(dir, 'busy.cfcase');
  const created = await CaseStore.create(store, passphrase, generateCase({ events: 5_000, actors: 50 }));
  await created.close();
  const host = await startHost({ store, passphrase });
  try {
    const app = new AppPage(page);
    const timeline = new TimelinePage(page);
    const { chart } = timeline;
    const showTimeline = async () => {
      await app.tab('Timeline').click();
      await expect(chart).toHaveAttribute('data-mode', 'density');
    };
    await app.goto(host.url);
    await showTimeline();

    // Every bar main answered is drawn, says its count, and a count written on it is the tooltip's.
    await expect(shownBars(chart)).toHaveCount(Number(await chart.getAttribute('data-items')));
    const described = await shownBars(chart).evaluateAll((bars) => bars.map((g) => ({ tip: g.querySelector('title')?.textContent ?? '', label: g.querySelector('text')?.textContent ?? '' })));
    for (const { tip, label } of described) {
      expect(tip).toMatch(/^\d+ events?(, of which about \d+ known only to the month or year)? — click to zoom in$/);
      if (label) expect(tip.startsWith(`${label} event`), `${label} written on a bar whose tooltip says ${tip}`).toBe(true);
    }
    expect(described.some((d) => d.label !== '')).toBe(true);
    await expect(chart.locator('svg.cf-density-layer')).toHaveAttribute('aria-label', /^Event density: \d+ bars in \d+ rows/);

    // The bars move with a mouse drag, before the new window is drawn.
    const firstRect = shownBars(chart).first().locator('rect');
    const xBefore = await firstRect.getAttribute('x');
    const area = (await chart.locator('.vis-center').boundingBox())!;
    await page.mouse.move(area.x + area.width / 2, area.y + 60);
    await page.mouse.down();
    await page.mouse.move(area.x + area.width / 2 - 150, area.y + 60, { steps: 6 });
    await expect.poll(() => firstRect.getAttribute('x')).not.toBe(xBefore);
    await page.mouse.up();
    await page.getByRole('button', { name: 'Fit all' }).click();
    await expect(chart).toHaveAttribute('data-mode', 'density');

    // An event selected in the list stays selected when a bar is clicked; the click zooms into the bar.
    const selected = page.getByRole('complementary', { name: 'Selected event' });
    await timeline.panel.getByRole('list', { name: 'Events in date order' }).getByRole('button').first().click();
    await expect(selected.getByRole('button', { name: 'Edit' })).toBeVisible();
    await expect.poll(() => eventsInView(timeline)).toBe(5_000);
    const index = await barInView(chart);
    expect(index).toBeGreaterThanOrEqual(0);
    await shownBars(chart).nth(index).locator('rect').click();
    await expect.poll(() => eventsInView(timeline)).toBeLessThan(5_000);
    await expect(selected.getByRole('button', { name: 'Edit' })).toBeVisible();

    // Both themes: no axe finding on the density view, and the bars take the theme's shades.
    const findings: Finding[] = [];
    const fills: Record<string, string> = {};
    for (const theme of ['light', 'dark'] as Theme[]) {
      await applyTheme(page, theme);
      await showTimeline();
      await expect(shownBars(chart).first()).toBeVisible();
      findings.push(...(await audit(page, `Timeline density [${theme}]`)));
      fills[theme] = await shownBars(chart)
        .first()
        .evaluate((g) => `${g.getAttribute('class')} ${getComputedStyle(g.querySelector('rect')!).fill}`);
    }
    expect(findings.map(describeFinding)).toEqual([]);
    expect(fills['dark']!.split(' ').slice(0, 2)).toEqual(fills['light']!.split(' ').slice(0, 2));
    expect(fills['dark']).not.toBe(fills['light']);
  } finally {
    await host.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
