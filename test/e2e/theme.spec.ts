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

test('the map follows the dark theme: sea, land, shaded areas and legend go dark, and back', async ({ app, page }) => {
  const luminance = (css: string) => {
    const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? ['255', '255', '255']).map(Number) as [number, number, number];
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  };
  await page.getByRole('tab', { name: 'Map', exact: true }).click();
  const panel = page.getByRole('tabpanel', { name: 'Map' });
  const svg = panel.locator('.cf-map-svg');
  await expect(svg.locator('path.cf-map-land').first()).toBeAttached();
  const colours = async () => ({
    sea: await svg.evaluate((e) => getComputedStyle(e).backgroundColor),
    land: await svg.locator('path.cf-map-land').first().evaluate((e) => getComputedStyle(e).fill),
    none: await svg.locator('path.cf-shade-0').first().evaluate((e) => getComputedStyle(e).fill),
    swatch: await panel.locator('.cf-map-legend .cf-shade-0').evaluate((e) => getComputedStyle(e).backgroundColor),
  });
  if (await app.isDark()) await app.themeToggle.click();
  const light = await colours();
  await app.themeToggle.click();
  expect(await app.isDark()).toBe(true);
  const dark = await colours();
  for (const part of ['sea', 'land', 'none', 'swatch'] as const) {
    expect(luminance(light[part]), `${part} in the light theme (${light[part]})`).toBeGreaterThan(0.8);
    expect(luminance(dark[part]), `${part} in the dark theme (${dark[part]})`).toBeLessThan(0.3);
  }
});
