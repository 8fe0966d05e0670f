import { expect, test } from './fixtures';
import { ActorsPage } from './pages/ActorsPage';
import { ProfilePage } from './pages/ProfilePage';
import { TimelinePage } from './pages/TimelinePage';

test.use({ preUnlocked: true });

const EVENT = 'Attack in Kerman';
const TARGET = 'Turkish authorities';

test('name an actor as the target of an event; its profile lists the event as "target" until the edit is undone', async ({ app, page }) => {
  const timeline = new TimelinePage(page);
  await timeline.row(new RegExp(EVENT)).click();
  await timeline.editSelected();

  // A row without an actor is refused in place; nothing is saved.
  await timeline.editor.getByRole('button', { name: 'Add a target or participant' }).click();
  await timeline.save();
  await expect(timeline.editor.getByRole('group', { name: 'Party 1' })).toContainText('pick an actor');
  await timeline.editor.getByRole('button', { name: 'Remove party 1' }).click();

  // Found by typing part of a name, cited with a source.
  await timeline.addParty(1, 'Turkish', TARGET, 'target');
  await timeline.editor.getByRole('button', { name: 'Cite a source for the party 1' }).click();
  await timeline.pick('Source of party 1 citation 1', 'Tajikistan');
  await timeline.save();
  await expect(timeline.editor).toBeHidden();
  await expect(app.toast(`Edited event “${EVENT}”`)).toBeVisible();
  const parties = page.getByRole('complementary', { name: 'Selected event' }).getByRole('table', { name: 'Targets and participants' });
  await expect(parties.getByRole('row').filter({ hasText: TARGET })).toContainText('target');

  const actors = new ActorsPage(app);
  await actors.open();
  await actors.select(TARGET);
  await actors.details.getByRole('button', { name: 'Profile' }).click();
  const profile = new ProfilePage(page, TARGET);
  await expect(profile.eventRow(EVENT)).toContainText('Target');
  await expect(profile.lane('Target')).toBeVisible();
  await expect(profile.timelineItem(EVENT, 'target')).toBeVisible();
  await expect(profile.sources).toContainText(`target in “${EVENT}”`);

  // One save is one undo step: Ctrl+Z takes the target entry away and the profile follows.
  await actors.blur();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(app.toast(`Undo: Edited event “${EVENT}”`)).toBeVisible();
  await expect(profile.eventRow(EVENT)).toHaveCount(0);
  await expect(profile.timelineItem(EVENT, 'target')).toHaveCount(0);
  await expect(profile.sources).not.toContainText(`target in “${EVENT}”`);
});
