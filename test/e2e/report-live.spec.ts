import type { Event } from '../../src/shared/domain/event';
import { expect, test } from './fixtures';
import { newWrittenReport } from './pages/WrittenReportPage';

test.use({ preUnlocked: true });

test('inserts a figure drawn from the case, numbered, with a cross-reference that follows it when a figure is put before it', async ({ app, page }) => {
  test.setTimeout(180_000);
  const title = 'Figure probe';
  const body = await newWrittenReport(app, page, title);
  await body.click();
  await page.keyboard.type('Attacks by year and place.');

  await page.getByRole('button', { name: 'Insert a figure' }).click();
  await page.getByRole('menuitem', { name: 'Events per year, by place' }).click();
  const figures = body.locator('figure.cf-figure');
  await expect(figures).toHaveCount(1);
  // Drawn from the case's events through the Analytics channel, numbered by the writer.
  await expect(figures.first()).toHaveAttribute('data-drawn', 'chart');
  await expect(figures.first().locator('.cf-echart svg')).toBeVisible();
  await expect(figures.first().locator('[data-figure-number]')).toHaveText('Figure 1.');
  await figures.first().getByLabel('Figure caption').fill('Events per year, by country');

  // A cross-reference in a new paragraph after the figure.
  await body.locator('p', { hasText: 'Attacks by year' }).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' See ');
  await page.getByRole('button', { name: 'Insert a cross-reference to a figure' }).click();
  await page.getByRole('menuitem', { name: 'Figure 1: Events per year, by country' }).click();
  const ref = body.locator('.cf-figure-ref');
  await expect(ref).toHaveText('Figure 1');

  // A second figure put before the first: the first becomes Figure 2, and so does the reference.
  await body.locator('p', { hasText: 'Attacks by year' }).click();
  await page.keyboard.press('Home');
  await page.getByRole('button', { name: 'Insert a figure' }).click();
  await page.getByRole('menuitem', { name: 'Sourced series' }).click();
  await expect(figures).toHaveCount(2);
  await expect(figures.nth(0).locator('[data-figure-number]')).toHaveText('Figure 1.');
  await expect(figures.nth(1).locator('[data-figure-number]')).toHaveText('Figure 2.');
  await expect(figures.nth(1).getByLabel('Figure caption')).toHaveValue('Events per year, by country');
  await expect(ref).toHaveText('Figure 2');

  // Saved into the case as figure nodes holding only their settings, not their data.
  await page.getByLabel('Title', { exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  const listed = await app.ipc('reports:list', {});
  const id = listed.ok ? listed.value.reports.find((r) => r.title === title)?.id : undefined;
  const stored = await app.ipc('reports:get', { id: id! });
  const types = stored.ok ? JSON.stringify(stored.value.report.body) : '';
  expect(types.match(/"type":"figure"/g)).toHaveLength(2);
  expect(types).toContain('"type":"figureRef"');
});

test('a confirmed number goes stale after an event is edited, and “Check the draft” lists it and jumps to it', async ({ app, page }) => {
  test.setTimeout(180_000);
  const title = 'Number probe';
  const body = await newWrittenReport(app, page, title);
  await body.click();
  await page.keyboard.type('Attacks in Afghanistan in 2023: ');

  await page.getByRole('button', { name: 'Insert a living number' }).click();
  const dialog = page.getByRole('dialog', { name: 'Insert a living number' });
  await dialog.getByLabel('From year').fill('2023');
  await dialog.getByLabel('To year').fill('2023');
  await dialog.getByLabel('Category').selectOption('attack');
  await dialog.getByLabel('Countries (ISO codes)').fill('AF');
  await expect(dialog.getByRole('status', { name: 'Value now' })).toHaveText(/^The case gives (\d+) now\.$/);
  const before = Number((await dialog.getByRole('status', { name: 'Value now' }).textContent())?.match(/\d+/)?.[0]);
  expect(before).toBeGreaterThan(0);
  await dialog.getByRole('button', { name: 'Insert' }).click();

  const fact = body.locator('.cf-fact');
  await expect(fact).toHaveText(String(before));
  await expect(fact).toHaveAttribute('data-state', 'unconfirmed');
  await fact.click();
  await expect(fact).toHaveAttribute('data-state', 'confirmed');
  await page.getByLabel('Title', { exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  await page.getByRole('button', { name: 'Check the draft' }).click();
  const check = page.getByRole('region', { name: 'Check the draft' });
  await expect(check).toContainText('Nothing to fix');

  // An edit of the case moves one of those attacks to Pakistan.
  const events = await app.ipc('records:events', {});
  const moved = (events.ok ? events.value.records : []).find((e: Event) => e.category === 'attack' && e.location.country === 'AF' && e.date.value.startsWith('2023'));
  expect(moved).toBeDefined();
  expect((await app.ipc('records:put', { collection: 'events', record: { ...moved!, location: { ...moved!.location, country: 'PK', admin1: undefined } } })).ok).toBe(true);

  await expect(fact).toHaveText(String(before - 1));
  await expect(fact).toHaveAttribute('data-state', 'stale');
  await page.getByRole('button', { name: 'Check the draft' }).click();
  const item = check.locator('[data-check-kind="stale-fact"]');
  await expect(item).toHaveText(`Number 1 was confirmed as ${before}; the case now gives ${before - 1}.`);
  await item.getByRole('button').click();
  await expect(fact).toHaveClass(/ProseMirror-selectednode/);
  // Confirming the new value (Enter on the selected number) clears the check.
  await page.keyboard.press('Enter');
  await expect(fact).toHaveAttribute('data-state', 'confirmed');
  await page.getByLabel('Title', { exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  await page.getByRole('button', { name: 'Check the draft' }).click();
  await expect(check).toContainText('Nothing to fix');
});

test('the demo case’s drafted report opens with its four figures drawn, its numbers confirmed, and nothing to fix', async ({ app, page }) => {
  test.setTimeout(180_000);
  await app.tab('Report').click();
  await page.getByRole('button', { name: 'Written reports' }).click();
  await page.getByRole('menuitem', { name: /a smaller campaign at home/ }).click();
  const body = page.getByRole('textbox', { name: /^Text of Islamic State Khorasan/ });
  const figures = body.locator('figure.cf-figure');
  await expect(figures).toHaveCount(4);
  for (let i = 0; i < 4; i++) {
    await expect(figures.nth(i)).toHaveAttribute('data-drawn', 'chart');
    await expect(figures.nth(i).locator('[data-figure-number]')).toHaveText(`Figure ${i + 1}.`);
  }
  const facts = body.locator('.cf-fact');
  await expect(facts.filter({ hasText: /^353$/ })).toHaveCount(2);
  // Every number computed from the case matches the value confirmed in the draft.
  const total = await facts.count();
  expect(total).toBeGreaterThanOrEqual(10);
  await expect(body.locator('.cf-fact[data-state="confirmed"]')).toHaveCount(total);
  await page.getByRole('button', { name: 'Check the draft' }).click();
  await expect(page.getByRole('region', { name: 'Check the draft' })).toContainText('Nothing to fix');
});

test('“Add to report…” on an Analytics chart appends it to a draft report as a live figure', async ({ app, page }) => {
  test.setTimeout(180_000);
  await app.tab('Analytics').click();
  const card = app.viewPanel('Analytics').locator('[data-chart="seasonal-pattern"]');
  await card.getByRole('button', { name: /^Add to report… \(/ }).click();
  await page.getByRole('menuitem', { name: /a smaller campaign at home/ }).click();
  await expect(page.getByText(/Added the figure to the end of “Islamic State Khorasan/)).toBeVisible();

  await app.tab('Report').click();
  await page.getByRole('button', { name: 'Written reports' }).click();
  await page.getByRole('menuitem', { name: /a smaller campaign at home/ }).click();
  const figures = page.getByRole('textbox', { name: /^Text of Islamic State Khorasan/ }).locator('figure.cf-figure');
  await expect(figures).toHaveCount(5);
  await expect(figures.nth(4)).toHaveAttribute('data-drawn', 'chart');
  await expect(figures.nth(4).locator('[data-figure-number]')).toHaveText('Figure 5.');
});
