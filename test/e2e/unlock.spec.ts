import { DEMO_PASSPHRASE, expect, test } from './fixtures';

test.describe('unlock dialog', () => {
  test('offers the demo case, keeps the dialog on a wrong passphrase, opens on the right one', async ({ app }) => {
    const dialog = app.unlockDialog;
    await expect(dialog.root).toBeVisible();
    await expect(dialog.fileName).toHaveText('isk-demo.cfcase');
    await expect(dialog.hint).toHaveText(`Demo case passphrase: ${DEMO_PASSPHRASE}`);
    await expect(app.caseName).toHaveText('No case open');

    // Show/hide toggle switches the field type.
    await expect(dialog.passphrase).toHaveAttribute('type', 'password');
    await dialog.showToggle.click();
    await expect(dialog.passphrase).toHaveAttribute('type', 'text');
    await dialog.showToggle.click();
    await expect(dialog.passphrase).toHaveAttribute('type', 'password');

    await dialog.unlock('not-the-passphrase');
    await expect(dialog.error).toContainText(/passphrase/i);
    await expect(dialog.root).toBeVisible();

    await dialog.unlock(DEMO_PASSPHRASE);
    await expect(dialog.root).toBeHidden();
    await expect(app.caseName).toHaveText('Islamic State Khorasan 2017–2024 (demo)');
    await expect(app.autosave).toContainText('All edits saved');
  });
});
