import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ActorsPage } from './pages/ActorsPage';
import type { AppPage } from './pages/AppPage';
import { applyTheme, audit, describeFinding, type Finding, type Theme } from './pages/axe';

/**
 * issue #18 point 10: an axe-core audit (WCAG 2.1 A and AA rules) of every view and dialog, in the
 * light and the dark theme, finds nothing. Every finding is listed (view, theme, rule, impact,
 * element) so a failure says what to fix.
 */

const THEMES: readonly Theme[] = ['light', 'dark'];
const ISKP = 'Islamic State Khorasan Province';
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

/** Switches to a view by clicking its tab, as a mouse user does. */
async function openView(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
}

/** Each view of the unlocked demo case, brought to a state that shows its content, then audited. */
async function auditViews(app: AppPage, theme: Theme): Promise<Finding[]> {
  const { page } = app;
  const found: Finding[] = [];
  const check = async (view: string) => found.push(...(await audit(page, `${view} [${theme}]`)));

  await openView(page, 'Timeline');
  await expect(app.viewPanel('Timeline')).toContainText('Attack in Kerman');
  await expect(page.locator('.cf-timeline-chart .vis-item').first()).toBeVisible();
  await app.viewPanel('Timeline').getByRole('button', { name: /Crocus City Hall/ }).click();
  await expect(page.getByRole('complementary', { name: 'Selected event' })).toContainText('Fatalities');
  await check('Timeline');

  await app.viewPanel('Timeline').getByRole('button', { name: 'Sources', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Sources' }).getByRole('listitem').first()).toBeVisible();
  await check('Sources');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('list', { name: 'Sources' })).toBeHidden();

  const actors = new ActorsPage(app);
  await openView(page, 'Actors');
  await actors.select(ISKP);
  await check('Actors');

  await actors.details.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(actors.dialog.getByRole('button', { name: 'Add alias' })).toBeVisible();
  await check('Actor editor');
  await page.keyboard.press('Escape');
  await expect(actors.dialog).toBeHidden();

  await actors.details.getByRole('button', { name: 'Profile', exact: true }).click();
  const profile = page.getByRole('article', { name: `Profile of ${ISKP}` });
  await expect(profile.getByRole('table', { name: 'Events of the actor' })).toContainText('Crocus');
  await expect(profile.locator('.vis-item').first()).toBeVisible();
  await check('Profile');
  await profile.getByRole('button', { name: 'Back to actors' }).click();

  await actors.mode('Link chart').click();
  await expect(actors.panel.locator('.cf-linkchart-canvas')).toHaveAttribute('data-nodes', /^[1-9]\d*$/);
  await check('Link chart');
  await actors.mode('List').click();

  await openView(page, 'Analytics');
  await expect(page.getByRole('tabpanel', { name: 'Analytics' })).toContainText('Events per year by country');
  await expect(page.locator('.cf-echart canvas, .cf-echart svg').first()).toBeVisible();
  await check('Analytics');

  await openView(page, 'Map');
  await expect(page.locator('.cf-map-svg').first()).toBeVisible();
  await check('Map');

  await openView(page, 'ACH');
  await expect(page.getByRole('grid').first()).toBeVisible();
  await check('ACH');

  await openView(page, 'Report');
  await expect(page.getByRole('article', { name: 'Report preview' })).toContainText(/From Tajikistan to Moscow and Iran/);
  await check('Report');

  await openView(page, 'Import');
  const importView = page.getByRole('tabpanel', { name: 'Import' });
  await importView.getByTestId('import-file-input').setInputFiles(fixture('generic.csv'));
  await expect(importView.getByRole('region', { name: 'Column mapping' }).getByRole('table', { name: 'First rows of the file' })).toContainText('Attack on a ministry');
  await check('Import wizard');

  await openView(page, 'Exchange');
  await expect(page.getByRole('tabpanel', { name: 'Exchange' }).getByRole('button', { name: 'Open and verify' })).toBeVisible();
  await check('Exchange');
  return found;
}

test.describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  // Many audits, and scrypt at N = 2^17 for each unlock, on a shared machine.
  test.describe.configure({ timeout: 300_000 });
  test('the unlock and new-case dialogs have no violation in either theme', async ({ app, page }) => {
    const found: Finding[] = [];
    for (const theme of THEMES) {
      await applyTheme(page, theme);
      await expect(app.unlockDialog.fileName).toHaveText('isk-demo.cfcase');
      found.push(...(await audit(page, `Unlock dialog [${theme}]`)));
      // A wrong passphrase shows the error callout, which must pass too.
      await app.unlockDialog.unlock('not-the-passphrase');
      await expect(app.unlockDialog.error).toContainText(/passphrase/i);
      found.push(...(await audit(page, `Unlock dialog, wrong passphrase [${theme}]`)));

      await app.unlockDialog.root.getByRole('button', { name: 'New case…' }).click();
      const newCase = page.getByRole('dialog', { name: 'New case' });
      await expect(newCase).toBeVisible();
      await newCase.getByLabel('Passphrase', { exact: true }).fill('a weak one');
      await expect(newCase.getByTestId('passphrase-strength')).toContainText(/\w/);
      found.push(...(await audit(page, `New case dialog [${theme}]`)));
      await newCase.getByRole('button', { name: 'Cancel' }).click();
      await expect(newCase).toBeHidden();
    }
    expect(found.map(describeFinding), `${found.length} violations`).toEqual([]);
  });

  for (const theme of THEMES) {
    test.describe(() => {
      test.use({ preUnlocked: true });
      test(`every view of the demo case has no violation in the ${theme} theme`, async ({ app, page }) => {
        await applyTheme(page, theme);
        await expect(app.caseName).toHaveText(/demo/);
        const found = await auditViews(app, theme);
        expect(found.map(describeFinding), `${found.length} violations`).toEqual([]);
      });
    });
  }
});

test.describe('charts follow the theme', () => {
  test.use({ preUnlocked: true });
  test.describe.configure({ timeout: 300_000 });
  test('switching the theme on Analytics redraws chart text in the new theme’s text colour', async ({ app, page }) => {
    await applyTheme(page, 'light');
    await openView(page, 'Analytics');
    const axisText = page.locator('.cf-echart svg text', { hasText: /^20\d\d$/ }).first();
    await expect(axisText).toBeVisible();
    const themeText = () => page.evaluate(() => getComputedStyle(document.body).color);
    const fill = () => axisText.evaluate((el) => getComputedStyle(el).fill);
    expect(await fill()).toBe(await themeText());
    await app.themeToggle.click();
    expect(await app.isDark()).toBe(true);
    // Light-theme ink (#1c2127) left on the dark panel would read at about 1.3:1.
    await expect.poll(fill).toBe(await themeText());
  });
});
