import { expect } from '@playwright/test';
import type { Channel, RequestOf, ResponseOf } from '../../../src/shared/ipc/contract';
import type { Result } from '../../../src/shared/ipc/result';
import { AppPage, VIEW_KEYS, type ViewName } from '../pages/AppPage';

export const DEMO_PASSPHRASE = 'khorasan-demo';
export const VIEW_NAMES = Object.keys(VIEW_KEYS) as ViewName[];

/**
 * The browser suite's page objects over the Electron window: the renderer is the same, only the
 * transport differs (the preload bridge instead of HTTP on loopback).
 */
export class CasefileWindow extends AppPage {
  /** Unlocks from the dialog the app opens with, and waits for it to close. */
  async unlockWith(passphrase: string): Promise<void> {
    await expect(this.unlockDialog.root).toBeVisible();
    await this.unlockDialog.unlock(passphrase);
    await expect(this.unlockDialog.root).toBeHidden();
  }

  async openView(name: ViewName): Promise<void> {
    await this.tab(name).click();
    await expect(this.viewPanel(name)).toBeVisible();
  }

  /** Calls an IPC channel from inside the page through window.casefile, as the renderer's client does in Electron. */
  override async ipc<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
    return this.page.evaluate(
      async ([name, body]) => {
        if (!window.casefile) throw new Error('window.casefile (the preload bridge) is missing.');
        return (await window.casefile.invoke(name, body)) as Result<ResponseOf<C>>;
      },
      [channel, request] as const,
    );
  }
}
