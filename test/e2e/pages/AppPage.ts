import { expect, type Locator, type Page } from '@playwright/test';
import type { Channel, RequestOf, ResponseOf } from '../../../src/shared/ipc/contract';
import type { Result } from '../../../src/shared/ipc/result';
import { UnlockDialogPage } from './UnlockDialogPage';

export type ViewName = 'Timeline' | 'Actors' | 'Analytics' | 'Report';
/** Each view's digit: its place in the tab order (src/renderer/app/shortcuts.ts). */
export const VIEW_KEYS: Record<ViewName, string> = { Timeline: '1', Actors: '2', Analytics: '3', Report: '5' };

/** The app frame: navbar, case switcher, views, autosave indicator and theme. */
export class AppPage {
  readonly unlockDialog: UnlockDialogPage;
  readonly caseName: Locator;
  readonly caseMenuButton: Locator;
  readonly autosave: Locator;
  readonly themeToggle: Locator;
  readonly view: Locator;

  constructor(readonly page: Page) {
    this.unlockDialog = new UnlockDialogPage(page);
    this.caseName = page.getByTestId('case-name');
    this.caseMenuButton = page.getByRole('button', { name: /Open the case menu/ });
    this.autosave = page.getByRole('status', { name: 'Autosave' });
    this.themeToggle = page.getByRole('button', { name: /^Switch to (dark|light) theme$/ });
    this.view = page.getByRole('tabpanel');
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('navigation').or(this.page.locator('.bp6-navbar'))).toBeVisible();
  }

  tab(name: ViewName): Locator {
    return this.page.getByRole('tab', { name, exact: true });
  }

  /** The view panel, checked to be the one named. */
  viewPanel(name: ViewName): Locator {
    return this.page.getByRole('tabpanel', { name });
  }

  async pressViewShortcut(name: ViewName): Promise<void> {
    // The browser host offers Alt+digit: a browser keeps Ctrl+digit for its own tabs.
    await this.page.keyboard.press(`Alt+${VIEW_KEYS[name]}`);
  }

  async isDark(): Promise<boolean> {
    return this.page.evaluate(() => document.body.classList.contains('bp6-dark'));
  }

  /** Opens the case menu and picks an item by its text. */
  async caseMenu(item: string | RegExp): Promise<void> {
    await this.caseMenuButton.click();
    await this.page.getByRole('menuitem', { name: item }).click();
  }

  /**
   * Calls an IPC channel from inside the page, exactly as the renderer's transport does:
   * same origin, token from sessionStorage.
   */
  async ipc<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
    return this.page.evaluate(
      async ([name, body]) => {
        const token = sessionStorage.getItem('casefile.launchToken') ?? '';
        const response = await fetch(`/ipc/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Casefile-Token': token }, body: JSON.stringify(body) });
        return (await response.json()) as Result<ResponseOf<C>>;
      },
      [channel, request] as const,
    );
  }

  /** A toast with the given text. */
  toast(text: string | RegExp): Locator {
    return this.page.locator('.bp6-toast').filter({ hasText: text });
  }
}
