import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

test.use({ preUnlocked: true });

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

test('imports an ACLED file: upload, preview, confirm, and Ctrl+Z undoes it as one step; bad files say where', async ({ app, page }) => {
  await expect(app.viewPanel('Timeline')).toContainText('Attack in Kerman');
  await page.keyboard.press('Alt+7');
  const view = page.getByRole('tabpanel', { name: 'Import' });
  await expect(view).toBeVisible();

  // A malformed file: the error names file, line and column; nothing to confirm.
  await view.getByTestId('import-file-input').setInputFiles(fixture('bad-delimiter.csv'));
  await expect(view.getByRole('combobox', { name: 'Format', exact: true })).toHaveValue('acled');
  await view.getByRole('button', { name: 'Preview import' }).click();
  await expect(view.getByRole('alert')).toContainText('bad-delimiter.csv, line 3, column 2');

  await view.getByTestId('import-file-input').setInputFiles(fixture('acled-current.csv'));
  await expect(view.getByRole('combobox', { name: 'Format', exact: true })).toHaveValue('acled');
  await view.getByRole('button', { name: 'Preview import' }).click();
  const preview = view.getByRole('region', { name: 'Import preview' });
  await expect(preview.getByTestId('import-counts')).toContainText('4 to add');
  await expect(preview.getByRole('table', { name: 'Rows and what happens to them' })).toContainText('Suicide bomb in Kabul');

  const before = await app.ipc('records:events', {});
  const countBefore = before.ok ? before.value.records.length : -1;
  await preview.getByRole('combobox', { name: 'Mark the new records' }).selectOption('TLP:CLEAR');
  await preview.getByRole('button', { name: 'Import (4 changes, new records TLP:CLEAR)' }).click();
  await expect(app.toast(/Imported acled-current\.csv: 4 added/)).toBeVisible();
  const after = await app.ipc('records:events', {});
  expect(after.ok && after.value.records.length).toBe(countBefore + 4);

  await page.keyboard.press('ControlOrMeta+z');
  await expect(app.toast(/^Undo: Imported acled-current\.csv/)).toBeVisible();
  const undone = await app.ipc('records:events', {});
  expect(undone.ok && undone.value.records.length).toBe(countBefore);
});

test('maps the columns of any CSV in the wizard, saves the mapping and previews with it', async ({ app, page }) => {
  await page.keyboard.press('Alt+7');
  const view = page.getByRole('tabpanel', { name: 'Import' });
  await view.getByTestId('import-file-input').setInputFiles(fixture('generic.csv'));
  await expect(view.getByRole('combobox', { name: 'Format', exact: true })).toHaveValue('csv');
  const wizard = view.getByRole('region', { name: 'Column mapping' });
  await expect(wizard.getByRole('table', { name: 'First rows of the file' })).toContainText('Attack on a ministry');
  // Guessed from the header; the rest mapped by hand.
  await expect(wizard.getByRole('combobox', { name: 'Fatalities' })).toHaveValue('Killed');
  await wizard.getByRole('combobox', { name: 'Date', exact: true }).selectOption('Incident date');
  await wizard.getByRole('combobox', { name: 'Country', exact: true }).selectOption('Nation');
  await wizard.getByRole('combobox', { name: 'Title' }).selectOption('What happened');
  await wizard.getByRole('combobox', { name: 'Date format' }).selectOption('dd/mm/yyyy');
  await wizard.getByRole('textbox', { name: 'Save this mapping as' }).fill('Ministry sheet');
  await wizard.getByRole('button', { name: 'Save mapping' }).click();
  await expect(app.toast('Saved the mapping “Ministry sheet”.')).toBeVisible();
  const saved = await app.ipc('import:mappings', {});
  expect(saved.ok && saved.value.mappings.map((m) => m.name)).toEqual(['Ministry sheet']);

  await view.getByRole('button', { name: 'Preview import' }).click();
  const preview = view.getByRole('region', { name: 'Import preview' });
  await expect(preview.getByTestId('import-counts')).toContainText('2 to add');
  await expect(preview).toContainText('line 4, column 1 (Incident date): "not a date" is not a date in the format dd/mm/yyyy');
});
