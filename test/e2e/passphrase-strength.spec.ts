import { existsSync } from 'node:fs';
import { join } from 'node:path';
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

    // Blueprint draws its own box over the input: click the label, as a person would.
    await dialog.getByText('Use this weak passphrase anyway', { exact: true }).click();
    await expect(anyway).toBeChecked();
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

    await dialog.getByText('Start from the demo case', { exact: true }).click();
    await expect(dialog.getByRole('checkbox', { name: 'Start from the demo case' })).toBeChecked();
    await expect(strength).toContainText('fine for the demo, never for real work');
    await expect(dialog.getByRole('checkbox', { name: 'Use this weak passphrase anyway' })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await expect(dialog).toBeHidden();
    await expect(app.caseName).toHaveText('Training copy');
  });
});

test.describe('passphrase strength in the export panel', () => {
  test('a weak passphrase for an exchange file says why and exports only once confirmed; the demo passphrase is weak here', async ({ app, page, host }) => {
    await expect(app.caseName).toHaveText(/demo/);
    await page.keyboard.press('Alt+8');
    const view = page.getByRole('tabpanel', { name: 'Exchange' });
    const out = join(host.home, 'outgoing.casefile');
    await view.getByLabel('Export path').fill(out);
    const passphrase = view.getByLabel('Export passphrase');
    const strength = view.getByTestId('passphrase-strength');
    const anyway = view.getByRole('checkbox', { name: 'Use this weak passphrase anyway' });
    const exportButton = view.getByRole('button', { name: 'Export', exact: true });

    await passphrase.fill(DEMO_PASSPHRASE);
    await expect(strength).toContainText('anyone who has seen the demo would try it first');
    await expect(exportButton).toBeDisabled();

    await passphrase.fill('password123');
    await expect(strength).toContainText(/Strength: very weak \(0 of 4\)/);
    await expect(strength).toContainText(/commonly used password/i);
    await expect(exportButton).toBeDisabled();
    await view.getByText('Use this weak passphrase anyway', { exact: true }).click();
    await expect(anyway).toBeChecked();
    await expect(exportButton).toBeEnabled();
    await exportButton.click();
    // The first signed file asks for the name it carries; the OS user name is only the suggestion.
    const naming = page.getByRole('dialog', { name: 'Your name in exchanges' });
    const nameField = naming.getByRole('textbox', { name: 'Name partners will see' });
    await expect(nameField).not.toHaveValue('');
    expect(existsSync(out)).toBe(false);
    await nameField.fill('Analyst, Horn of Africa desk');
    await naming.getByRole('button', { name: 'Save name' }).click();
    await expect(page.getByText(`Wrote ${out}`)).toBeVisible();
    expect(existsSync(out)).toBe(true);
    await expect(view.getByTestId('own-name')).toHaveText('Analyst, Horn of Africa desk');

    // A strong one needs no confirmation.
    await passphrase.fill('tangerine ledger orbit cavalry');
    await expect(strength).toContainText('Strength: very strong (4 of 4)');
    await expect(anyway).toHaveCount(0);
    await expect(exportButton).toBeEnabled();
  });
});
