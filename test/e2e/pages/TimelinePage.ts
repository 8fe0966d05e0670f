import { expect, type Locator, type Page } from '@playwright/test';

/** The Timeline view, its event editor, the shared filter bar and the sources panel. */
export class TimelinePage {
  readonly panel: Locator;
  readonly chart: Locator;
  readonly count: Locator;
  readonly editor: Locator;
  readonly chips: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByRole('tabpanel', { name: 'Timeline' });
    this.chart = page.locator('.cf-timeline-chart');
    this.count = page.getByTestId('timeline-count');
    this.editor = page.getByRole('dialog').filter({ has: page.getByRole('form', { name: 'Event' }) });
    this.chips = page.getByRole('list', { name: 'Filters in force' });
  }

  /** The list row of an event in the visible window. */
  row(title: string | RegExp): Locator {
    return this.panel.getByRole('list', { name: 'Events in date order' }).getByRole('button', { name: title });
  }

  chartLabel(text: string): Locator {
    return this.chart.locator('.cf-tl-label').filter({ hasText: text });
  }

  field(label: string): Locator {
    return this.editor.getByLabel(label, { exact: true });
  }

  async openNewEvent(): Promise<void> {
    await this.panel.getByRole('button', { name: 'New event' }).click();
    await expect(this.editor).toBeVisible();
  }

  async editSelected(): Promise<void> {
    await this.page.getByRole('complementary', { name: 'Selected event' }).getByRole('button', { name: 'Edit' }).click();
    await expect(this.field('Title')).not.toHaveValue('');
  }

  async save(): Promise<void> {
    await this.editor.getByRole('button', { name: 'Save event' }).click();
  }

  /** Adds a target or participant row in the editor: finds the actor by `search`, picks `actorName`, sets the role. */
  async addParty(n: number, search: string, actorName: string, role: 'target' | 'participant'): Promise<void> {
    await this.editor.getByRole('button', { name: 'Add a target or participant' }).click();
    await this.pick(`Actor of party ${n}`, search, actorName);
    await this.field(`Role of party ${n}`).selectOption(role);
  }

  /** In a search picker of the editor (an actor, a source), types `search` and picks the match named `name` (the first match when absent). */
  async pick(label: string, search: string, name?: string): Promise<void> {
    await this.field(label).fill(search);
    const matches = this.editor.getByRole('menu', { name: `${label}: matches` }).getByRole('menuitem');
    await (name ? matches.filter({ hasText: name }).first() : matches.first()).click();
  }

  async groupBy(value: 'none' | 'country' | 'admin1' | 'perpetrator' | 'category'): Promise<void> {
    await this.panel.getByLabel('Group rows by').selectOption(value);
  }

  /** Opens the filter dialog, lets `fill` set filters in it, and closes it. */
  async filter(fill: (dialog: Locator) => Promise<void>): Promise<void> {
    await this.page.getByRole('search', { name: 'Event filters' }).getByRole('button', { name: 'Filters' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Filter events' });
    await fill(dialog);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();
  }

  /** Saves the current filters as a named view. */
  async saveView(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Views' }).click();
    await this.page.getByLabel('Name for the current filters').fill(name);
    await this.page.getByRole('button', { name: 'Save view' }).click();
    await expect(this.page.getByRole('menuitem', { name })).toBeVisible();
    await this.page.keyboard.press('Escape');
  }

  async applyView(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Views' }).click();
    await this.page.getByRole('menuitem', { name }).click();
    await this.page.keyboard.press('Escape');
  }
}
