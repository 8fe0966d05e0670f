import { fileURLToPath } from 'node:url';
import type { Actor } from '../../src/shared/domain/actor';
import type { Event } from '../../src/shared/domain/event';
import { expect, test } from './fixtures';
import { ActorsPage } from './pages/ActorsPage';
import { TimelinePage } from './pages/TimelinePage';

test.use({ preUnlocked: true });

const ACLED = fileURLToPath(new URL('../fixtures/import/acled-horn-of-africa.csv', import.meta.url));
const GROUP = 'Harakat al-Shabaab al-Mujahideen';

/**
 * One analyst's flow on a group outside South Asia, in a new case: the group with its Somali and
 * Amharic names, found by other spellings; an event placed through the gazetteer; an ACLED file
 * cut to Somalia's explosions and matched to the group; the world map fitted to the data down to
 * Somalia's admin-1 areas; a preset chart of the imported events; and a chart from the builder.
 */
test('a new case on al-Shabaab: Somali and Amharic aliases, gazetteer placing, filtered ACLED import with actor matching, map and chart', async ({ app, page }) => {
  test.setTimeout(360_000); // many steps, on a shared machine

  // A new, empty case.
  await app.caseMenu('New case…');
  const dialog = page.getByRole('dialog', { name: 'New case' });
  await dialog.getByLabel('Case name').fill('Horn of Africa desk');
  await dialog.getByLabel('Passphrase', { exact: true }).fill('tangerine ledger orbit cavalry');
  await dialog.getByLabel('Repeat passphrase').fill('tangerine ledger orbit cavalry');
  await dialog.getByRole('button', { name: 'Create case' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.caseName).toHaveText('Horn of Africa desk');

  // The group, with its common Latin short name, a Somali and an Amharic (Ethiopic script) alias.
  const actors = new ActorsPage(app);
  await actors.open();
  await actors.panel.getByRole('button', { name: 'New actor' }).first().click();
  await actors.dialog.getByLabel('Primary name').fill(GROUP);
  await actors.dialog.getByLabel('Kind', { exact: true }).selectOption('faction');
  await actors.addAlias(1, 'Al-Shabaab', 'en');
  await actors.addAlias(2, 'Xarakada Al-Shabaab', 'so');
  await actors.addAlias(3, 'አል-ሸባብ', 'am');
  await expect(actors.dialog.getByLabel('Alias 3 script')).toHaveValue('Ethi');
  await actors.dialog.getByRole('button', { name: 'Create actor' }).click();
  await expect(app.toast(`Added actor “${GROUP}”`)).toBeVisible();

  // Found by spellings the case does not hold: French "Chabab", the Amharic name without its hyphen, Arabic and Hebrew script.
  // Each search first clears the list with a name nothing matches, so the row seen is the spelling's own result.
  for (const spelling of ['al-Chabab', 'አልሸባብ', 'الشباب', 'אל-שבאב']) {
    await actors.find('Zzyzx Qwerty');
    await expect(actors.panel.getByText('No actor matches')).toBeVisible();
    await expect(actors.row(GROUP)).toHaveCount(0);
    await actors.find(spelling);
    await expect(actors.row(GROUP), `search for ${spelling}`).toBeVisible();
  }
  await actors.row(GROUP).click();
  await expect(actors.details.locator('bdi[lang="am"]')).toHaveText('አል-ሸባብ');
  await expect(actors.details.locator('bdi[lang="so"]')).toHaveText('Xarakada Al-Shabaab');

  // An event placed through the gazetteer's place search.
  await app.pressViewShortcut('Timeline');
  const timeline = new TimelinePage(page);
  await timeline.openNewEvent();
  await timeline.field('Find a place').fill('Mogadishu');
  await timeline.editor.getByRole('menu', { name: 'Find a place: matches' }).getByRole('menuitem', { name: /^Mogadishu, .*SO/ }).first().click();
  await expect(timeline.field('Country')).toHaveValue('SO');
  await expect(timeline.field('Place')).toHaveValue('Mogadishu');
  await expect(timeline.field('Latitude')).toHaveValue(/^2\.0/);
  await expect(timeline.field('Longitude')).toHaveValue(/^45\.3/);
  await timeline.field('Title').fill('Siege of a hotel in central Mogadishu');
  await timeline.field('Date').fill('2022-08-19');
  await timeline.editor.getByRole('button', { name: 'Add a claim' }).click();
  await timeline.pick('Actor of claim 1', 'Shabaab', GROUP);
  await timeline.field('Kind of claim 1').selectOption('claimed');
  await timeline.save();
  await expect(timeline.editor).toBeHidden();
  await expect(timeline.chartLabel('Siege of a hotel in central Mogadishu')).toBeVisible();

  // ACLED: only Somalia's explosions, the group's spellings matched to the actor before anything is added.
  await page.keyboard.press('Alt+7');
  const importView = page.getByRole('tabpanel', { name: 'Import' });
  await importView.getByTestId('import-file-input').setInputFiles(ACLED);
  await expect(importView.getByRole('combobox', { name: 'Format', exact: true })).toHaveValue('acled');
  const filters = importView.getByRole('region', { name: 'Row filters' });
  await filters.getByRole('textbox', { name: 'Country', exact: true }).fill('Somalia');
  await filters.getByRole('textbox', { name: 'Country', exact: true }).press('Enter');
  await filters.getByRole('textbox', { name: 'Event type', exact: true }).fill('Explosions/Remote violence');
  await filters.getByRole('textbox', { name: 'Event type', exact: true }).press('Enter');
  await importView.getByRole('button', { name: 'Preview import' }).click();

  const preview = importView.getByRole('region', { name: 'Import preview' });
  await expect(preview.getByTestId('import-counts')).toContainText('7 to add');
  await expect(preview.getByTestId('import-filter-summary')).toContainText('5 rows were left out by the filters');
  const matches = preview.getByRole('table', { name: 'Proposed actor matches' });
  await expect(matches).toContainText('Al Shabab');
  await matches.getByRole('checkbox', { name: `Al Shabab is ${GROUP}` }).check({ force: true }); // Blueprint's indicator covers the input
  await preview.getByRole('button', { name: 'Recount with my choices' }).click();
  await preview.getByRole('combobox', { name: 'Mark the new records' }).selectOption('TLP:CLEAR');
  await preview.getByRole('button', { name: /^Import \(7 changes, new records TLP:CLEAR\)/ }).click();
  await expect(app.toast(/Imported acled-horn-of-africa\.csv: 7 added/)).toBeVisible();

  // Every imported explosion names the one actor, whatever the file called it; no second al-Shabaab.
  const actorList = await app.ipc('records:actors', {});
  const names = (actorList.ok ? (actorList.value.records as Actor[]) : []).map((a) => a.name);
  expect(names.filter((n) => /shabaa?b/i.test(n))).toEqual([GROUP]);
  const group = (actorList.ok ? (actorList.value.records as Actor[]) : []).find((a) => a.name === GROUP);
  const stored = await app.ipc('records:events', {});
  const imported = ((stored.ok ? stored.value.records : []) as Event[]).filter((e) => e.id.startsWith('event--acled-'));
  expect(imported).toHaveLength(7);
  for (const e of imported) expect(e.responsibility.map((c) => c.actorId), e.id).toEqual([group?.id]);

  // The world map fitted to the data, with Somalia's admin-1 areas shaded by their events.
  await page.getByRole('tab', { name: 'Map', exact: true }).click();
  const map = page.getByRole('tabpanel', { name: 'Map' });
  await map.getByRole('button', { name: 'Fit to data' }).click();
  await expect(map.getByRole('combobox', { name: 'Map' })).toHaveValue('fit');
  await expect(map.locator('path[data-country="SO"][data-region]')).not.toHaveCount(0);
  // Banaadir holds the hand-entered siege and five of the imported explosions.
  await expect(map.locator('path[data-country="SO"][data-region="Banaadir"]')).toHaveAttribute('data-count', '6');
  await expect(map.getByRole('table', { name: 'Events by admin-1 area' })).toContainText('Jubbada Hoose');

  // A preset chart of the case: events per year by country, Somalia's code in its legend.
  await app.tab('Analytics').click();
  const analytics = app.viewPanel('Analytics');
  const byPlace = analytics.locator('[data-chart="events-by-year-place"]');
  await expect(byPlace.locator('.cf-echart svg')).toHaveCount(1);
  await expect(byPlace.locator('.cf-echart svg text', { hasText: /^SO$/ })).not.toHaveCount(0);

  // A chart from the builder: events by country stacked by admin-1 area, each stack's total drawn
  // above it, the totals adding up to the events the view shows.
  const builderCard = analytics.locator('[data-chart="builder"]');
  const builder = builderCard.getByRole('group', { name: 'Chart builder' });
  await builder.getByLabel('Measure', { exact: true }).selectOption('events');
  await builder.getByLabel('By', { exact: true }).selectOption('country');
  await builder.getByLabel('Stack by', { exact: true }).selectOption('admin1');
  await expect(builderCard).toContainText('Events by country, stacked by admin-1 area');
  const built = builderCard.locator('.cf-echart svg');
  await expect(built.locator('text', { hasText: /^SO$/ })).not.toHaveCount(0);
  const totals = built.locator('text[style*="bold"]');
  await expect(totals).not.toHaveCount(0);
  const shown = Number((await analytics.locator('.cf-analytics-toolbar .bp6-tag').innerText()).match(/\d+/)![0]);
  expect(shown).toBe(8);
  const sum = (await totals.allTextContents()).map((t) => Number(t.replace('≈', ''))).reduce((a, b) => a + b, 0);
  expect(sum).toBe(shown);
});
