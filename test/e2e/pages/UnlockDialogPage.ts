import type { Locator, Page } from '@playwright/test';

/** The "Unlock a case" dialog. */
export class UnlockDialogPage {
  readonly root: Locator;
  readonly passphrase: Locator;
  readonly unlockButton: Locator;
  readonly error: Locator;
  readonly fileName: Locator;
  readonly hint: Locator;
  readonly showToggle: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Unlock a case' });
    this.passphrase = this.root.getByLabel('Passphrase', { exact: true });
    this.unlockButton = this.root.getByRole('button', { name: 'Unlock', exact: true });
    this.error = this.root.getByRole('alert');
    this.fileName = this.root.locator('.cf-file-name');
    this.hint = this.root.getByText(/^Demo case passphrase:/);
    this.showToggle = this.root.getByRole('button', { name: /(Show|Hide) passphrase/ });
  }

  /** Types the passphrase and submits with Enter. */
  async unlock(passphrase: string): Promise<void> {
    await this.passphrase.fill(passphrase);
    await this.passphrase.press('Enter');
  }
}
