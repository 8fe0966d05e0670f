import { expect, test } from './fixtures';

test.use({ preUnlocked: true });

test('the theme toggle switches dark and light and survives a reload', async ({ app, page }) => {
  const before = await app.isDark();
  await app.themeToggle.click();
  expect(await app.isDark()).toBe(!before);
  await expect(app.themeToggle).toHaveAccessibleName(`Switch to ${before ? 'dark' : 'light'} theme`);

  await page.reload();
  await expect(app.caseName).toHaveText(/demo/);
  expect(await app.isDark()).toBe(!before);

  await app.themeToggle.click();
  expect(await app.isDark()).toBe(before);
  await page.reload();
  await expect(app.caseName).toHaveText(/demo/);
  expect(await app.isDark()).toBe(before);
});
