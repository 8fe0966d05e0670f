import { expect, test } from './fixtures';
import { testEvent } from './records';

test.use({ preUnlocked: true });

test('the autosave indicator reflects an edit and Ctrl+Z / Ctrl+Shift+Z undo and redo it', async ({ app, page }) => {
  const title = 'Autosave probe: attack on a test venue';
  const timeline = app.viewPanel('Timeline');
  await expect(timeline).toContainText('Attack in Kerman');
  await expect(app.autosave).toContainText('All edits saved');

  const put = await app.ipc('records:put', { collection: 'events', record: testEvent('event--autosave-probe', title) });
  expect(put.ok).toBe(true);
  await expect(app.autosave).toContainText(/[1-9]\d* in journal/);
  await expect(timeline.getByRole('button', { name: title })).toBeVisible();

  await page.keyboard.press('ControlOrMeta+z');
  await expect(app.toast(`Undo: Added event “${title}”`)).toBeVisible();
  await expect(timeline.getByRole('button', { name: title })).toHaveCount(0);

  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(app.toast(/^Redo: /)).toBeVisible();
  await expect(timeline.getByRole('button', { name: title })).toBeVisible();

  // Undo with nothing left to undo is reported in words, not swallowed.
  const drained = await app.ipc('history:undo', {});
  expect(drained.ok).toBe(true);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(app.toast(/Undo: .*Nothing to undo/)).toBeVisible();
});
