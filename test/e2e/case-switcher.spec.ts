import { DEMO_PASSPHRASE, expect, test } from './fixtures';
import type { ViewName } from './pages/AppPage';

test.use({ preUnlocked: true });

const EMPTY: Record<ViewName, string> = {
  Timeline: 'No events yet',
  Actors: 'No actors yet',
  Analytics: 'Nothing to analyse yet',
  Report: 'No sources yet',
};

test.describe('case switcher', () => {
  test('creates an empty case that shows the empty states, then reopens the demo from recent cases', async ({ app, page }) => {
    await app.caseMenu('New case…');
    const dialog = page.getByRole('dialog', { name: 'New case' });
    await dialog.getByLabel('Case name').fill('Empty test case');
    await dialog.getByLabel('Passphrase', { exact: true }).fill('short');
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await expect(dialog.getByRole('alert')).toContainText('at least 8 characters');

    await dialog.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
    await dialog.getByLabel('Repeat passphrase').fill('correct horse battery');
    await expect(dialog.getByRole('checkbox', { name: 'Start from the demo case' })).not.toBeChecked();
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await expect(dialog).toBeHidden();
    await expect(app.caseName).toHaveText('Empty test case');

    for (const [view, text] of Object.entries(EMPTY) as Array<[ViewName, string]>) {
      await app.tab(view).click();
      await expect(app.viewPanel(view)).toContainText(text);
    }

    // The demo case is in the recent list; picking it asks for its passphrase.
    await app.caseMenu(/isk-demo\.cfcase/);
    await expect(app.unlockDialog.root).toBeVisible();
    await expect(app.unlockDialog.fileName).toHaveText('isk-demo.cfcase');
    await app.unlockDialog.unlock(DEMO_PASSPHRASE);
    await expect(app.unlockDialog.root).toBeHidden();
    await expect(app.caseName).toHaveText('Islamic State Khorasan 2017–2024 (demo)');
  });

  test('in the browser host, Alt+L locks the case and Alt+O opens the case menu (Ctrl+L and Ctrl+O belong to the browser)', async ({ app, page }) => {
    await page.keyboard.press('Alt+o');
    await expect(page.getByRole('menu', { name: 'Case menu' })).toBeVisible();
    await expect(page.getByRole('menuitem', { name: /Open…/ })).toContainText('Alt+O');
    await expect(page.getByRole('menuitem', { name: /isk-demo\.cfcase/ })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu', { name: 'Case menu' })).toBeHidden();

    await page.keyboard.press('Alt+l');
    await expect(app.unlockDialog.root).toBeVisible();
    await expect(app.caseName).toHaveText('No case open');
    await expect(app.unlockDialog.fileName).toHaveText('isk-demo.cfcase');
  });

  test('Open… on the browser host takes a typed path and reports a missing file in words', async ({ app, page, host }) => {
    await app.caseMenu('Open…');
    const dialog = page.getByRole('dialog', { name: 'Open a case file' });
    await dialog.getByLabel('Path of the case file').fill(`${host.home}/cases/nope.cfcase`);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect(app.unlockDialog.fileName).toHaveText('nope.cfcase');
    await app.unlockDialog.unlock('whatever');
    await expect(app.unlockDialog.error).toBeVisible();
    await expect(app.unlockDialog.error).not.toBeEmpty();
    await expect(app.unlockDialog.root).toBeVisible();
  });
});
