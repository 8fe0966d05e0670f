import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as plain } from '@playwright/test';
import { generateCase } from '../../bench/generate';
import { CaseStore } from '../../src/main/store/case-store';
import { expect, test } from './fixtures';
import { startHost } from './host';
import { AppPage } from './pages/AppPage';
import { TimelinePage } from './pages/TimelinePage';

test.describe('shared filters and rows', () => {
  test.use({ preUnlocked: true });

  test('rows switch between country, perpetrator and none; filters show as chips in every view and save as a named view', async ({ app, page }) => {
    const timeline = new TimelinePage(page);
    await expect(timeline.row(/Attack in Kerman/)).toBeVisible();
    const groupLabels = timeline.chart.locator('.vis-label .cf-tl-group');

    await timeline.groupBy('country');
    await expect(groupLabels.filter({ hasText: /^Afghanistan \(AF\) · \d+$/ })).toHaveCount(1);
    await expect(groupLabels.filter({ hasText: /^Pakistan \(PK\) · \d+$/ })).toHaveCount(1);
    await timeline.groupBy('perpetrator');
    await expect(groupLabels.filter({ hasText: /^Islamic State Khorasan Province · \d+$/ })).toHaveCount(1);
    await timeline.groupBy('none');
    await expect(groupLabels).toHaveCount(0);
    await timeline.groupBy('category');
    await expect(groupLabels.filter({ hasText: /^Attack · \d+$/ })).toHaveCount(1);

    const total = Number((await timeline.count.textContent())?.match(/\d+/)?.[0]);
    await timeline.filter(async (dialog) => {
      await dialog.getByLabel('Country', { exact: true }).selectOption('PK');
      await dialog.getByText('claimed', { exact: true }).click();
    });
    await expect(timeline.chips.getByText('Country: Pakistan (PK)')).toBeVisible();
    await expect(timeline.chips.getByText('Responsibility: Claimed')).toBeVisible();
    await expect(timeline.count).toHaveText(new RegExp(`^\\d+ of ${total} events$`));
    await expect(timeline.row(/Attack in Kerman/)).toHaveCount(0);

    // The same filters hold in the other views.
    await app.tab('Actors').click();
    await expect(timeline.chips.getByText('Country: Pakistan (PK)')).toBeVisible();
    await app.tab('Timeline').click();

    await timeline.saveView('Pakistan, claimed');
    await page.getByRole('search', { name: 'Event filters' }).getByRole('button', { name: 'Clear all' }).click();
    await expect(timeline.count).toHaveText(`${total} events`);
    await timeline.applyView('Pakistan, claimed');
    await expect(timeline.chips.getByText('Country: Pakistan (PK)')).toBeVisible();
    await expect(timeline.count).toHaveText(new RegExp(`^\\d+ of ${total} events$`));

    // Removing one chip removes that filter only.
    await timeline.chips.getByText('Responsibility: Claimed').locator('..').getByRole('button').click();
    await expect(timeline.chips.getByText('Responsibility: Claimed')).toHaveCount(0);
    await expect(timeline.chips.getByText('Country: Pakistan (PK)')).toBeVisible();
  });
});

plain('a 5,000-event case draws density, then events when zoomed in; named views and undo survive a restart of the host', async ({ page }) => {
  plain.setTimeout(150_000);
  const dir = await mkdtemp(join(tmpdir(), 'casefile-e2e-timeline-'));
  const passphrase = 'timeline e2e passphrase';
  const store = join(dir, 'big.cfcase');
  const created = await CaseStore.create(store, passphrase, generateCase({ events: 5_000, actors: 50 }));
  await created.close();
  try {
    let host = await startHost({ store, passphrase });
    const app = new AppPage(page);
    const timeline = new TimelinePage(page);
    await app.goto(host.url);
    await app.tab('Timeline').click();
    await expect(timeline.count).toHaveText('5000 events');
    await expect(timeline.chart).toHaveAttribute('data-mode', 'density');
    expect(Number(await timeline.chart.getAttribute('data-items'))).toBeLessThanOrEqual(250);
    await expect(timeline.chart.locator('.cf-density').first()).toHaveAttribute('class', /cf-density-\d/);

    await timeline.chart.focus();
    for (let i = 0; i < 12 && (await timeline.chart.getAttribute('data-mode')) !== 'events'; i++) await page.keyboard.press('+');
    await expect(timeline.chart).toHaveAttribute('data-mode', 'events');
    expect(Number(await timeline.chart.getAttribute('data-items'))).toBeLessThanOrEqual(250);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('0');
    await expect(timeline.chart).toHaveAttribute('data-mode', 'density');

    await timeline.filter(async (dialog) => dialog.getByLabel('Minimum fatalities').fill('30'));
    await timeline.saveView('Deadly');
    const first = timeline.panel.getByRole('list', { name: 'Events in date order' }).getByRole('button').first();
    await first.click();
    await timeline.editSelected();
    const original = await timeline.field('Title').inputValue();
    await timeline.field('Title').fill(`${original} (edited)`);
    await timeline.save();
    await expect(timeline.row(`${original} (edited)`)).toBeVisible();

    await host.stop();
    host = await startHost({ store, passphrase });
    await app.goto(host.url);
    await app.tab('Timeline').click();
    await timeline.applyView('Deadly');
    await expect(timeline.chips.getByText('≥ 30 killed')).toBeVisible();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ControlOrMeta+z');
    await expect(app.toast(`Undo: Edited event “${original} (edited)”`)).toBeVisible();
    const reverted = await host.ipc('timeline:summary', { filter: { text: '(edited)' }, grouping: 'none' });
    expect(reverted.ok && reverted.value.count).toBe(0);
    await host.stop();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
