import { expect, test } from './fixtures';
import { TimelinePage } from './pages/TimelinePage';
import { testEvent } from './records';

test.use({ preUnlocked: true });

const TITLE = 'Probe: port raid far in the future';

test('find a place, create an actor and a source from the pickers, and see the saved event at a sensible zoom', async ({ app, page }) => {
  test.setTimeout(240_000); // many steps, on a shared machine
  const timeline = new TimelinePage(page);
  await expect(timeline.row(/Attack in Kerman/)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Responsibility legend' })).toContainText('claimed');
  await expect(page.getByRole('list', { name: 'Responsibility legend' })).toContainText('attributed');
  await expect(page.getByRole('list', { name: 'Responsibility legend' })).toContainText('suspected');

  await timeline.openNewEvent();
  // The country list is ISO's current codes; coordinates say their format, not an example place.
  await expect(timeline.field('Country').locator('option[value="DD"]')).toHaveCount(0);
  await expect(timeline.field('Country').locator('option[value="ZR"]')).toHaveCount(0);
  await expect(timeline.field('Latitude')).toHaveAttribute('placeholder', 'latitude, −90 to 90');

  await timeline.field('Find a place').fill('Kismayo');
  await timeline.editor.getByRole('menu', { name: 'Find a place: matches' }).getByRole('menuitem', { name: /Kismayo, Jubbada Hoose, SO/ }).click();
  await expect(timeline.field('Country')).toHaveValue('SO');
  await expect(timeline.field('Province')).toHaveValue('Jubbada Hoose');
  await expect(timeline.field('Place')).toHaveValue('Kismayo');
  await expect(timeline.field('Latitude')).toHaveValue('-0.35817');
  await expect(timeline.field('Longitude')).toHaveValue('42.54536');
  await expect(timeline.field('Geo precision')).toHaveValue('near');

  await timeline.field('Title').fill(TITLE);
  await timeline.field('Date').fill('2031-06-15');

  // An actor the case does not have yet, made from the text typed.
  await timeline.editor.getByRole('button', { name: 'Add a claim' }).click();
  await timeline.field('Actor of claim 1').fill('Probe Coastal Brigade');
  await timeline.editor.getByRole('menu', { name: 'Actor of claim 1: matches' }).getByRole('menuitem', { name: 'Create actor “Probe Coastal Brigade”' }).click();
  await expect(app.toast('Probe Coastal Brigade')).toBeVisible();
  await expect(timeline.editor.locator('.cf-picked', { hasText: 'Probe Coastal Brigade' })).toBeVisible();
  await timeline.field('Kind of claim 1').selectOption('attributed');

  // And a source, cited by the event.
  await timeline.editor.getByRole('button', { name: 'Cite a source for the event' }).click();
  await timeline.field('Source of event citation 1').fill('Probe harbour report');
  await timeline.editor.getByRole('menu', { name: 'Source of event citation 1: matches' }).getByRole('menuitem', { name: 'Create source “Probe harbour report”' }).click();
  await timeline.field('Credibility of event citation 1').selectOption('2');
  await timeline.save();
  await expect(timeline.editor).toBeHidden();

  // The new event, years after every other, is brought into view with days on the axis, not hours.
  const label = timeline.chartLabel(TITLE);
  await expect(label).toBeVisible();
  await expect(label).toHaveText(`▲ ${TITLE}`); // attributed, marked without colour
  const minorLabels = await timeline.chart.locator('.vis-time-axis .vis-text.vis-minor').allTextContents();
  expect(minorLabels.length).toBeGreaterThan(0);
  expect(minorLabels.filter((t) => /\d:\d\d/.test(t))).toEqual([]);

  // The details list the cited source with its grade and open it.
  const details = page.getByRole('complementary', { name: 'Selected event' });
  await expect(details).toContainText('Probe Coastal Brigade');
  const cited = details.getByRole('table', { name: 'Sources cited' });
  await expect(cited.getByRole('row').filter({ hasText: 'Probe harbour report' })).toContainText('F2');
  await cited.getByRole('button', { name: 'Open source Probe harbour report' }).click();
  await expect(page.locator('.bp6-drawer').getByLabel('Title', { exact: true })).toHaveValue('Probe harbour report');
  await page.keyboard.press('Escape');

  // "Fit all" shows every event: the new one and the demo's earliest.
  await timeline.panel.getByRole('button', { name: 'Fit all' }).click();
  await expect(timeline.row(/Attack in Kerman/)).toBeVisible();
  await expect(timeline.row(TITLE)).toBeVisible();
});

test('the events list pages past 200 events in view', async ({ app, page }) => {
  const timeline = new TimelinePage(page);
  await expect(timeline.row(/Attack in Kerman/)).toBeVisible();
  const puts = Array.from({ length: 230 }, (_, i) => {
    const day = `2032-0${1 + Math.floor(i / 28)}-${String(1 + (i % 28)).padStart(2, '0')}`;
    return app.ipc('records:put', { collection: 'events', record: testEvent(`event--paging-${i}`, `Paging probe ${String(i).padStart(3, '0')}`, day) });
  });
  for (const result of await Promise.all(puts)) expect(result.ok).toBe(true);
  // The timeline hears of the new events and counts them before "Fit all" is asked for.
  await expect.poll(async () => Number(((await timeline.count.textContent()) ?? '').replace(/\D/g, ''))).toBeGreaterThan(230);
  await timeline.panel.getByRole('button', { name: 'Fit all' }).click();
  const count = page.getByTestId('window-list-count');
  await expect(count).toHaveText(/^Events 1–200 of [\d,]+ in view$/);
  const total = Number(((await count.textContent()) ?? '').replace(/^.* of ([\d,]+) in view$/, '$1').replace(/,/g, ''));
  expect(total).toBeGreaterThan(230);
  await expect(timeline.row('Paging probe 229')).toHaveCount(0); // the last in date order is on a later page
  const pager = timeline.panel.locator('.cf-window-pager');
  await expect(pager.getByRole('button', { name: 'Previous' })).toBeDisabled();
  while (!(await pager.getByRole('button', { name: 'Next' }).isDisabled())) {
    const before = await count.textContent();
    await pager.getByRole('button', { name: 'Next' }).click();
    await expect(count).not.toHaveText(before ?? '');
  }
  await expect(count).toHaveText(new RegExp(`of ${total.toLocaleString('en')} in view$`));
  await expect(count).toHaveText(new RegExp(`–${total.toLocaleString('en')} of`));
  await expect(timeline.row('Paging probe 229')).toBeVisible();
  await pager.getByRole('button', { name: 'Previous' }).click();
  await expect(count).toHaveText(/^Events \d[\d,]*–[\d,]+ of/);
});
