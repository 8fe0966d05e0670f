import type { Locator, Page } from '@playwright/test';
import { expect } from '../fixtures';
import type { AppPage } from './AppPage';

/** Creates a written report from the Report view and returns its text box, ready to type in. */
export async function newWrittenReport(app: AppPage, page: Page, title: string): Promise<Locator> {
  await app.tab('Report').click();
  await page.getByRole('button', { name: 'Written reports' }).click();
  await page.getByLabel('New report').fill(title);
  await page.getByRole('button', { name: 'Create' }).click();
  const body = page.getByRole('textbox', { name: `Text of ${title}` });
  await expect(body).toBeVisible();
  return body;
}
