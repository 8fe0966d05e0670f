import { expect, test } from './fixtures';
import { ActorsPage } from './pages/ActorsPage';
import { LinkChartPage } from './pages/LinkChartPage';

test.use({ preUnlocked: true });

test('link chart: clicking a node on the canvas opens that actor, clicking empty canvas opens nothing', async ({ app, page }) => {
  const actors = new ActorsPage(app);
  const chart = new LinkChartPage(actors);
  await chart.open();
  const anyProfile = page.getByRole('article', { name: /^Profile of / });

  let drawn = await chart.screenChart();
  // Empty canvas: far from every node, and nothing opens.
  expect(drawn.empty.clearance).toBeGreaterThan(3 * drawn.nodeRadius);
  await page.mouse.click(drawn.empty.x, drawn.empty.y);
  await expect(chart.canvas).toBeVisible();
  await expect(anyProfile).toHaveCount(0);

  // Two different nodes, each opening its own profile (the layout is redone when the chart comes back).
  const opened: string[] = [];
  for (let round = 0; round < 2; round++) {
    if (round > 0) drawn = await chart.screenChart();
    const target = LinkChartPage.clickable(drawn).find((n) => !opened.includes(n.label));
    if (!target) throw new Error('No node of the chart stands clear of its neighbours to click.');
    await page.mouse.click(target.screenX, target.screenY);
    const profile = page.getByRole('article', { name: `Profile of ${target.label}`, exact: true });
    await expect(profile).toBeVisible();
    await expect(profile.getByRole('heading', { level: 2 })).toHaveText(target.label);
    opened.push(target.label);
    await profile.getByRole('button', { name: 'Back to actors' }).click();
    await expect(chart.canvas).toBeVisible();
  }
  expect(new Set(opened).size).toBe(2);
});
