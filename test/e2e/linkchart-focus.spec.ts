import { expect, test } from './fixtures';
import { ActorsPage } from './pages/ActorsPage';
import { LinkChartPage } from './pages/LinkChartPage';

test.use({ preUnlocked: true });

test('link chart: a legend, a focus actor with its neighbours, expanding a selected actor from the keyboard', async ({ app, page }) => {
  const actors = new ActorsPage(app);
  const chart = new LinkChartPage(actors);
  await chart.open();
  const legend = actors.panel.getByRole('complementary', { name: 'Link chart legend' });
  await expect(legend).toContainText('Organisation');
  await expect(legend).toContainText('leader of');
  const whole = Number(await chart.canvas.getAttribute('data-nodes'));

  await actors.panel.getByRole('textbox', { name: 'Focus on an actor' }).fill('Sanaullah');
  await actors.panel.getByRole('list', { name: 'Actors to focus on' }).getByRole('button', { name: 'Sanaullah Ghafari' }).click();
  await expect(actors.panel.getByText('Network of Sanaullah Ghafari')).toBeVisible();
  await expect.poll(async () => Number(await chart.canvas.getAttribute('data-nodes'))).toBeLessThan(whole);
  const focused = Number(await chart.canvas.getAttribute('data-nodes'));
  expect(focused).toBeGreaterThanOrEqual(2);

  // The keyboard walks the actors until one with neighbours left out; E shows them.
  await chart.canvas.focus();
  const selection = actors.panel.locator('.cf-linkchart-selection');
  for (let i = 0; i < focused; i++) {
    await page.keyboard.press('ArrowRight');
    await expect(selection).toContainText('Selected:');
    if (/neighbours not shown/.test((await selection.textContent()) ?? '')) break;
  }
  await expect(selection).toContainText('neighbours not shown');
  await page.keyboard.press('e');
  await expect(actors.panel.getByText(/Network of Sanaullah Ghafari, 1 expanded/)).toBeVisible();
  await expect.poll(async () => Number(await chart.canvas.getAttribute('data-nodes'))).toBeGreaterThan(focused);

  await actors.panel.getByRole('button', { name: 'Whole network' }).click();
  await expect.poll(async () => Number(await chart.canvas.getAttribute('data-nodes'))).toBe(whole);
});

test('relationships read in their direction from either end', async ({ app }) => {
  const actors = new ActorsPage(app);
  await actors.open();
  await actors.select('Federal Bureau of Investigation');
  const relationships = actors.details.getByRole('list', { name: 'Relationships' });
  await expect(relationships).toContainText('led by Christopher A. Wray');
  await expect(relationships).not.toContainText('(from)');
});
