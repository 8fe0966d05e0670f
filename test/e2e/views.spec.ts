import { expect, test } from './fixtures';
import type { ViewName } from './pages/AppPage';

test.use({ preUnlocked: true });

/** Something from the demo case that each view must show. */
const DEMO_CONTENT: Record<ViewName, RegExp> = {
  Timeline: /Attack in Kerman/,
  Actors: /Islamic State Khorasan Province/,
  Analytics: /Events per year by country/,
  Report: /From Tajikistan to Moscow and Iran/,
};
const ORDER: ViewName[] = ['Timeline', 'Actors', 'Analytics', 'Report'];

test.describe('views of the demo case', () => {
  test('each view is reachable by clicking its tab and shows demo data', async ({ app, page }) => {
    await expect(app.caseName).toHaveText('Islamic State Khorasan 2017–2024 (demo)');
    for (const name of ORDER) {
      await app.tab(name).click();
      await expect(app.tab(name)).toHaveAttribute('aria-selected', 'true');
      await expect(app.viewPanel(name)).toContainText(DEMO_CONTENT[name]);
    }
    // The timeline draws the Moscow concert-hall attack in the chart as well as in the list.
    await app.tab('Timeline').click();
    await expect(page.locator('.cf-timeline-chart .cf-tl-label', { hasText: 'Crocus' })).toHaveCount(1);
  });

  test('each view is reachable with its shortcut (Alt+digit in the browser host)', async ({ app }) => {
    for (const name of [...ORDER].reverse()) {
      await app.pressViewShortcut(name);
      await expect(app.tab(name)).toHaveAttribute('aria-selected', 'true');
      await expect(app.viewPanel(name)).toContainText(DEMO_CONTENT[name]);
    }
  });

  test('timeline selection shows date, place, category, fatalities and claims', async ({ app, page }) => {
    await app.viewPanel('Timeline').getByRole('button', { name: /Crocus City Hall/ }).click();
    const details = page.getByRole('complementary', { name: 'Selected event' });
    await expect(details).toContainText('Date');
    await expect(details).toContainText('Mar 2024');
    await expect(details).toContainText(/Russia/);
    await expect(details).toContainText('Attack');
    await expect(details).toContainText('Fatalities');
    await expect(details.getByRole('table', { name: 'Responsibility claims' })).toContainText(/claimed/);
  });

  test('actors show aliases right-to-left with their language and relationships by name', async ({ app, page }) => {
    await app.tab('Actors').click();
    await app.viewPanel('Actors').getByRole('row', { name: /^Organisation Islamic State Khorasan Province/ }).click();
    const details = page.getByRole('complementary', { name: 'Selected actor' });
    // An Arabic-script alias (the Latin-script "Wilayat Khurasan" is tagged ar as well).
    const arabic = details.locator('bdi[dir="auto"][lang="ar"]').filter({ hasText: /[\u0600-\u06FF]/ }).first();
    await expect(arabic).toBeVisible();
    expect(await arabic.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await expect(details.getByRole('list', { name: 'Relationships' }).getByRole('button').first()).toBeVisible();
  });

  test('the report copies a Markdown summary to the clipboard', async ({ app, page, context, host }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
    await app.tab('Report').click();
    await expect(page.getByRole('article', { name: 'Report preview' })).toContainText(/From Tajikistan to Moscow and Iran/);
    await page.getByRole('button', { name: 'Copy summary as Markdown' }).click();
    const textarea = page.getByLabel('Markdown summary');
    // The report's marking first (and last), then the case.
    await expect(textarea).toHaveValue(/^\*\*TLP:GREEN\*\*\n\n# Islamic State Khorasan 2017–2024 \(demo\)/);
    await expect(textarea).toHaveValue(/## Sources\n\n1\. /);
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    expect(clipboard).toBe(await textarea.inputValue());
  });

  test('"?" shows the keyboard shortcuts and Tab reaches the controls with a visible focus ring', async ({ app, page }) => {
    await expect(app.caseName).toHaveText(/demo/);
    await page.keyboard.press('Shift+Slash');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toContainText('Show Timeline');
    await expect(dialog).toContainText('Undo the last edit');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    const reached: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? ''));
    }
    expect(reached.some((n) => n.includes('Open the case menu'))).toBe(true);
    expect(reached).toContain('Timeline');
    expect(reached.some((n) => /Switch to (dark|light) theme/.test(n))).toBe(true);
    // Blueprint hides focus rings only after mouse use; keyboard use shows them.
    expect(await page.evaluate(() => document.body.classList.contains('bp6-focus-disabled'))).toBe(false);
  });

  test('on laptop widths every view tab stays clear of undo/redo and keeps its name', async ({ app, page }) => {
    for (const width of [1024, 1280, 1366, 1440]) {
      await page.setViewportSize({ width, height: 768 });
      const lastTab = await page.getByRole('tab', { name: 'Exchange' }).boundingBox();
      const undo = await page.getByRole('button', { name: 'Undo' }).boundingBox();
      expect(lastTab && undo && lastTab.x + lastTab.width <= undo.x, `at ${width}px the tabs overlap the undo button`).toBe(true);
      // Labels may go icon-only, but each tab is still named and works.
      await app.tab('Actors').click();
      await expect(app.tab('Actors')).toHaveAttribute('aria-selected', 'true');
      await app.tab('Timeline').click();
    }
  });
});

