import type { Actor } from '../../src/shared/domain/actor';
import { expect, test } from './fixtures';
import { ActorsPage } from './pages/ActorsPage';
import { testEvent } from './records';

test.use({ preUnlocked: true });

test('create an actor with a Cyrillic and an Arabic-script alias, then find it by a Latin variant', async ({ app, page }) => {
  const actors = new ActorsPage(app);
  await actors.open();
  await actors.panel.getByRole('button', { name: 'New actor' }).click();
  await expect(actors.dialog).toContainText('New actor');
  await actors.dialog.getByLabel('Primary name').fill('Supporters of God Society');
  await actors.addAlias(1, 'Ҷамоати Ансоруллоҳ', 'tg');
  await actors.addAlias(2, 'جماعت انصار الله', 'ps');
  // The Arabic-script alias is typed and shown right to left, the script is detected from the letters.
  const arabicInput = actors.dialog.getByLabel('Alias 2 name');
  await expect(arabicInput).toHaveAttribute('dir', 'auto');
  expect(await arabicInput.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  await expect(actors.dialog.getByLabel('Alias 1 script')).toHaveValue('Cyrl');
  await expect(actors.dialog.getByLabel('Alias 2 script')).toHaveValue('Arab');
  await actors.dialog.getByLabel('Alias 1 transliteration').fill('Jamoati Ansorulloh');
  await actors.dialog.getByRole('button', { name: 'Create actor' }).click();
  await expect(app.toast('Added actor “Supporters of God Society”')).toBeVisible();
  await expect(actors.dialog).toBeHidden();

  // Neither "Jamaat" nor "Ansarullah" is spelled so anywhere: found through the Tajik and Pashto forms.
  await actors.find('Jamaat Ansarullah');
  const row = actors.row('Supporters of God Society');
  await expect(row).toBeVisible();
  await expect(actors.table.getByRole('row').nth(1)).toContainText('Supporters of God Society');
  await row.click();
  const arabic = actors.details.locator('bdi[lang="ps"]');
  await expect(arabic).toHaveText('جماعت انصار الله');
  expect(await arabic.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  await expect(actors.details.locator('bdi[lang="tg"]')).toHaveText('Ҷамоати Ансоруллоҳ');

  // The record really holds both aliases with their language and script.
  const stored = await app.ipc('records:actors', {});
  const actor = stored.ok ? stored.value.records.find((a) => a.name === 'Supporters of God Society') : undefined;
  expect(actor?.aliases.map((a) => [a.name, a.language, a.script])).toEqual([
    ['Ҷамоати Ансоруллоҳ', 'tg', 'Cyrl'],
    ['جماعت انصار الله', 'ps', 'Arab'],
  ]);
  await expect(page.getByRole('tab', { name: 'Actors' })).toHaveAttribute('aria-selected', 'true');
});

test('link two actors with a dated relationship, seen from either actor in its own words', async ({ app }) => {
  const actors = new ActorsPage(app);
  await actors.open();
  await actors.select('Xuroson Ovozi');
  await actors.details.getByRole('button', { name: 'Link to actor…' }).click();
  await actors.dialog.getByRole('textbox', { name: 'Other actor' }).fill('Khurasan Gag');
  await actors.dialog.getByRole('menuitem', { name: /Khorasan Ghag/ }).click();
  await actors.dialog.getByLabel('Type', { exact: true }).selectOption('allied-with');
  await actors.dialog.getByLabel('From', { exact: true }).fill('2022-05');
  await actors.dialog.getByLabel('Confidence', { exact: true }).selectOption('high');
  await actors.dialog.getByRole('button', { name: 'Save relationship' }).click();
  await expect(app.toast(/Added relationship/)).toBeVisible();

  const list = actors.details.getByRole('list', { name: 'Relationships' });
  await expect(list.getByRole('listitem').filter({ hasText: 'Allied with' })).toContainText(/allied with\s*Khorasan Ghag.*May 2022.*high confidence/i);
  await actors.select('Khorasan Ghag');
  await expect(actors.details.getByRole('list', { name: 'Relationships' }).getByRole('listitem').filter({ hasText: 'Allied with' })).toContainText(/allied with\s*Xuroson Ovozi/i);
});

test('merge two duplicate actors, then undo the merge with Ctrl+Z', async ({ app, page }) => {
  const actor = (id: string, name: string): Actor => ({ id, kind: 'media-outlet', name, aliases: [], roles: [], nationality: [], tags: [], marking: 'TLP:CLEAR', citations: [] });
  for (const a of [actor('actor--e2e-sadosi-1', 'Xuroson Sadosi Bulletin'), actor('actor--e2e-sadosi-2', 'Khuroson Sadosi Bulletin')]) {
    expect((await app.ipc('records:put', { collection: 'actors', record: a })).ok).toBe(true);
  }
  const claimed = { ...testEvent('event--e2e-bulletin', 'Bulletin claim'), responsibility: [{ id: 'claim--e2e', actorId: 'actor--e2e-sadosi-2', kind: 'claimed' as const, confidence: 'high' as const, citations: [] }] };
  expect((await app.ipc('records:put', { collection: 'events', record: claimed })).ok).toBe(true);

  const actors = new ActorsPage(app);
  await actors.open();
  await actors.mode('Duplicates').click();
  const dupes = actors.panel.getByRole('table', { name: 'Likely duplicates' });
  await expect(dupes).toContainText('“Xuroson Sadosi Bulletin” and “Khuroson Sadosi Bulletin” are the same name in another spelling or script');
  await dupes.getByRole('button', { name: 'Merge Xuroson Sadosi Bulletin and Khuroson Sadosi Bulletin' }).click();
  await expect(actors.dialog.getByLabel('What the merge does')).toContainText('1 responsibility claim(s)');
  await actors.dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(app.toast(/Merged actor “Khuroson Sadosi Bulletin” into “Xuroson Sadosi Bulletin”/)).toBeVisible();

  await actors.mode('List').click();
  await actors.find('Sadosi');
  await expect(actors.table.getByRole('row')).toHaveCount(2); // header + the merged actor
  await actors.row('Xuroson Sadosi Bulletin').click();
  await expect(actors.details).toContainText('Khuroson Sadosi Bulletin'); // kept as an alias
  const afterMerge = await app.ipc('records:events', {});
  expect(afterMerge.ok && afterMerge.value.records.find((e) => e.id === 'event--e2e-bulletin')?.responsibility[0]?.actorId).toBe('actor--e2e-sadosi-1');

  await actors.blur();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(app.toast(/Undo: Merged actor/)).toBeVisible();
  await expect(actors.table.getByRole('row')).toHaveCount(3);
  const afterUndo = await app.ipc('records:events', {});
  expect(afterUndo.ok && afterUndo.value.records.find((e) => e.id === 'event--e2e-bulletin')?.responsibility[0]?.actorId).toBe('actor--e2e-sadosi-2');
});
