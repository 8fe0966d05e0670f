import { expect, test } from './fixtures';

test.use({ preUnlocked: true });

test('the chart builder draws events by country stacked by event type, every bar labelled, totals adding up to the events shown', async ({ app }) => {
  await app.tab('Analytics').click();
  const panel = app.viewPanel('Analytics');
  const card = panel.locator('[data-chart="builder"]');
  await expect(card.locator('.cf-echart svg')).toHaveCount(1);

  const builder = card.getByRole('group', { name: 'Chart builder' });
  await builder.getByLabel('Measure', { exact: true }).selectOption('events');
  await builder.getByLabel('By', { exact: true }).selectOption('country');
  await builder.getByLabel('Stack by', { exact: true }).selectOption('event-type');
  await expect(card).toContainText('Events by country, stacked by event type');

  const svg = card.locator('.cf-echart svg');
  // Countries along the axis (the demo case's), one stack per country.
  await expect(svg.locator('text', { hasText: /^AF$/ })).not.toHaveCount(0);
  // Each stack carries its total above it (bold); the totals add up to the events the filters show.
  const totals = svg.locator('text[style*="bold"]');
  await expect(totals).not.toHaveCount(0);
  const shown = Number((await panel.locator('.cf-analytics-toolbar .bp6-tag').innerText()).match(/\d+/)![0]);
  const sum = (await totals.allTextContents()).map((t) => Number(t.replace('≈', ''))).reduce((a, b) => a + b, 0);
  expect(sum).toBe(shown);
  // The chart is the one the builder's choices describe, and says what it left out.
  await expect(card.locator('.cf-coverage')).toContainText(`0 of ${shown} events left out`);
});
