import { fileURLToPath } from 'node:url';
import type { Actor } from '../../src/shared/domain/actor';
import type { Event } from '../../src/shared/domain/event';
import { expect, test } from './fixtures';

test.use({ preUnlocked: true });

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

const SET: Actor = {
  id: 'actor--e2e-harakat-al-shabaab',
  kind: 'faction',
  name: 'Harakat al-Shabaab al-Mujahideen',
  aliases: [{ name: 'Al-Shabaab', language: 'und', script: 'Latn', citations: [] }],
  roles: [],
  nationality: [],
  description: 'Imported from a STIX intrusion set.',
  tags: [],
  marking: 'TLP:AMBER',
  citations: [],
};

test('imports only the filtered rows of an ACLED file, with a confirmed actor match and a chosen marking', async ({ app, page }) => {
  expect((await app.ipc('records:put', { collection: 'actors', record: SET })).ok).toBe(true);
  const before = await app.ipc('records:events', {});
  const eventsBefore = before.ok ? before.value.records.length : -1;

  await page.keyboard.press('Alt+7');
  const view = page.getByRole('tabpanel', { name: 'Import' });
  await view.getByTestId('import-file-input').setInputFiles(fixture('acled-somalia.csv'));
  await expect(view.getByRole('combobox', { name: 'Format', exact: true })).toHaveValue('acled');

  // Rows are chosen before anything is read into the case: Somalia, 2016.
  const filters = view.getByRole('region', { name: 'Row filters' });
  await filters.getByRole('textbox', { name: 'Country', exact: true }).fill('Somalia');
  await filters.getByRole('textbox', { name: 'Country', exact: true }).press('Enter');
  await filters.getByRole('textbox', { name: 'From', exact: true }).fill('2016-01-01');
  await filters.getByRole('textbox', { name: 'To', exact: true }).fill('2016-12-31');
  await view.getByRole('button', { name: 'Preview import' }).click();

  const preview = view.getByRole('region', { name: 'Import preview' });
  await expect(preview.getByTestId('import-counts')).toContainText('4 to add');
  await expect(preview.getByTestId('import-filter-summary')).toContainText('country Somalia; from 2016-01-01; to 2016-12-31. 2 rows were left out by the filters');
  // "Al Shabaab" is the alias "Al-Shabaab": matched unasked. "Al Shabab" is proposed.
  const matches = preview.getByRole('table', { name: 'Proposed actor matches' });
  await expect(matches).toContainText('Al Shabab');
  await expect(matches).toContainText('Harakat al-Shabaab al-Mujahideen (as “Al-Shabaab”)');
  await expect(matches).toContainText('90%');

  // Nothing is imported until a marking is chosen; the source's nature is the suggestion.
  const importButton = preview.getByRole('button', { name: /^Import \(/ });
  await expect(importButton).toBeDisabled();
  const marking = preview.getByRole('combobox', { name: 'Mark the new records' });
  await expect(preview).toContainText('Suggested: TLP:CLEAR (ACLED publishes its data openly');
  await marking.selectOption('TLP:GREEN');
  await matches.getByRole('checkbox', { name: 'Al Shabab is Harakat al-Shabaab al-Mujahideen' }).check({ force: true }); // Blueprint's indicator covers the input
  await preview.getByRole('button', { name: 'Recount with my choices' }).click();
  await expect(preview.getByTestId('import-counts')).toContainText('4 to add');
  await expect(preview.getByRole('button', { name: 'Recount with my choices' })).toHaveCount(0);

  await preview.getByRole('button', { name: 'Import (4 changes, new records TLP:GREEN)' }).click();
  await expect(app.toast(/Imported acled-somalia\.csv: 4 added, 0 updated, 0 skipped; new records marked TLP:GREEN/)).toBeVisible();

  const after = await app.ipc('records:events', {});
  const events = (after.ok ? after.value.records : []) as Event[];
  expect(events.length).toBe(eventsBefore + 4);
  const imported = events.filter((e) => e.id.startsWith('event--acled-SOM') || e.id.startsWith('event--acled-KEN'));
  expect(imported.map((e) => e.id).sort()).toEqual(['event--acled-SOM9001', 'event--acled-SOM9002', 'event--acled-SOM9003', 'event--acled-SOM9005']);
  expect(new Set(imported.map((e) => e.marking))).toEqual(new Set(['TLP:GREEN']));
  const actors = await app.ipc('records:actors', {});
  const names = (actors.ok ? (actors.value.records as Actor[]) : []).map((a) => a.name);
  expect(names.filter((n) => /shabaa?b/i.test(n))).toEqual(['Harakat al-Shabaab al-Mujahideen']);
  const bomb = imported.find((e) => e.id === 'event--acled-SOM9002');
  expect(bomb?.responsibility.map((c) => c.actorId)).toEqual([SET.id]);
});
