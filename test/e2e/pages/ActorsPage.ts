import { expect, type Locator, type Page } from '@playwright/test';
import type { AppPage } from './AppPage';

/** The Actors view: search, table, details, editor, relationship and merge dialogs, link chart, profile. */
export class ActorsPage {
  readonly panel: Locator;
  readonly search: Locator;
  readonly table: Locator;
  readonly details: Locator;
  readonly dialog: Locator;

  constructor(
    readonly app: AppPage,
    readonly page: Page = app.page,
  ) {
    this.panel = app.viewPanel('Actors');
    this.search = this.panel.getByRole('searchbox', { name: 'Search actors' });
    this.table = this.panel.getByRole('table', { name: 'Actors' });
    this.details = page.getByRole('complementary', { name: 'Selected actor' });
    this.dialog = page.getByRole('dialog');
  }

  async open(): Promise<void> {
    await this.app.pressViewShortcut('Actors');
    await expect(this.app.tab('Actors')).toHaveAttribute('aria-selected', 'true');
    await expect(this.search).toBeVisible();
  }

  mode(name: 'List' | 'Link chart' | 'Duplicates'): Locator {
    return this.panel.getByRole('group', { name: 'Actors view mode' }).getByRole('button', { name });
  }

  /** The table row of the actor whose primary name is `name`. */
  row(name: string | RegExp): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell', { name, exact: typeof name === 'string' }) });
  }

  async find(text: string): Promise<void> {
    await this.search.fill(text);
  }

  async select(name: string): Promise<void> {
    await this.find(name);
    await this.row(name).first().click();
    await expect(this.details.getByRole('heading', { name })).toBeVisible();
  }

  /** Adds an alias in the open actor dialog; `language` is a tag or an English name, as an analyst types it. */
  async addAlias(n: number, name: string, language: string): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Add alias' }).click();
    await this.dialog.getByLabel(`Alias ${n} name`).fill(name);
    const field = this.dialog.getByLabel(`Alias ${n} language`);
    await field.fill(language);
    await field.press('Tab');
  }

  /** Moves focus out of text fields so app shortcuts (Ctrl+Z) apply. */
  async blur(): Promise<void> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  }
}
