import { DEMO_PASSPHRASE, expect, test } from './fixtures';

test.use({ preUnlocked: true });

test.describe('passphrase strength in the New case dialog', () => {
  test('a weak passphrase is explained and needs "use it anyway"; a strong one does not', async ({ app, page }) => {
    await app.caseMenu('New case…');
    const dialog = page.getByRole('dialog', { name: 'New case' });
    await dialog.getByLabel('Case name').fill('Kabul cell');
    const passphrase = dialog.getByLabel('Passphrase', { exact: true });
    const strength = dialog.getByTestId('passphrase-strength');
    const anyway = dialog.getByRole('checkbox', { name: 'Use this weak passphrase anyway' });

    await passphrase.fill('tangerine ledger orbit cavalry');
    await expect(strength).toContainText('Strength: very strong (4 of 4)');
    await expect(anyway).toHaveCount(0);

    await passphrase.fill('password123');
    await dialog.getByLabel('Repeat passphrase').fill('password123');
    await expect(strength).toContainText(/Strength: very weak \(0 of 4\)/);
    await expect(strength).toContainText(/commonly used password/i);
    await expect(strength).toContainText(/time to guess it from a stolen copy of the file: less than a second/);
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await expect(dialog.getByRole('alert')).toContainText('This passphrase is weak');
    await expect(dialog).toBeVisible();

    await anyway.check();
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await expect(dialog).toBeHidden();
    await expect(app.caseName).toHaveText('Kabul cell');
  });

  test('the demo passphrase needs no confirmation for a new demo case, but is weak for any other', async ({ app, page }) => {
    await app.caseMenu('New case…');
    const dialog = page.getByRole('dialog', { name: 'New case' });
    await dialog.getByLabel('Case name').fill('Training copy');
    await dialog.getByLabel('Passphrase', { exact: true }).fill(DEMO_PASSPHRASE);
    await dialog.getByLabel('Repeat passphrase').fill(DEMO_PASSPHRASE);
    const strength = dialog.getByTestId('passphrase-strength');
    await expect(strength).toContainText('demo case’s published passphrase');
    await expect(dialog.getByRole('checkbox', { name: 'Use this weak passphrase anyway' })).toBeVisible();

    await dialog.getByRole('checkbox', { name: 'Start from the demo case' }).check();
    await expect(strength).toContainText('fine for the demo, never for real work');
    await expect(dialog.getByRole('checkbox', { name: 'Use this weak passphrase anyway' })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await expect(dialog).toBeHidden();
    await expect(app.caseName).toHaveText('Training copy');
  });
});
