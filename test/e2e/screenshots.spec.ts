import { join } from 'node:path';
import { expect, test } from './fixtures';

test.use({ preUnlocked: true });

/**
 * Screenshots of the unlocked Timeline in both themes, for a human look. They go to
 * CASEFILE_SCREENSHOT_DIR when set (e.g. /tmp), otherwise to the test's output folder.
 */
test('timeline screenshots in dark and light themes', async ({ app, page }, testInfo) => {
  const dir = process.env['CASEFILE_SCREENSHOT_DIR'] ?? testInfo.outputDir;
  for (const theme of ['dark', 'light'] as const) {
    if ((await app.isDark()) !== (theme === 'dark')) await app.themeToggle.click();
    await expect(app.viewPanel('Timeline')).toContainText('Attack in Kerman');
    await app.viewPanel('Timeline').getByRole('button', { name: /Crocus City Hall/ }).click();
    await page.mouse.move(0, 400);
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(dir, `casefile-timeline-${theme}.png`) });
  }
});
