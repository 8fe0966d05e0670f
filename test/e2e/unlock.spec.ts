import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as plain } from '@playwright/test';
import { generateCase } from '../../bench/generate';
import { CaseStore } from '../../src/main/store/case-store';
import { DEMO_PASSPHRASE, expect, test } from './fixtures';
import { startHost } from './host';
import { AppPage } from './pages/AppPage';

test.describe('unlock dialog', () => {
  test('offers the demo case, keeps the dialog on a wrong passphrase, opens on the right one', async ({ app }) => {
    const dialog = app.unlockDialog;
    await expect(dialog.root).toBeVisible();
    await expect(dialog.fileName).toHaveText('isk-demo.cfcase');
    await expect(dialog.hint).toHaveText(`Demo case passphrase: ${DEMO_PASSPHRASE}`);
    await expect(app.caseName).toHaveText('No case open');

    // Show/hide toggle switches the field type.
    await expect(dialog.passphrase).toHaveAttribute('type', 'password');
    await dialog.showToggle.click();
    await expect(dialog.passphrase).toHaveAttribute('type', 'text');
    await dialog.showToggle.click();
    await expect(dialog.passphrase).toHaveAttribute('type', 'password');

    await dialog.unlock('not-the-passphrase');
    await expect(dialog.error).toContainText(/passphrase/i);
    await expect(dialog.root).toBeVisible();

    await dialog.unlock(DEMO_PASSPHRASE);
    await expect(dialog.root).toBeHidden();
    await expect(app.caseName).toHaveText('Islamic State Khorasan 2017–2024 (demo)');
    await expect(app.autosave).toContainText('All edits saved');
  });
});

test.describe('a case whose lock may be left over', () => {
  test('says the case is in use, and opens only when the analyst takes the lock over', async ({ app, host }) => {
    // A lock written by another computer that shares the folder: it cannot be proven stale.
    const lock = { version: 2, token: 'c'.repeat(32), pid: 4242, host: 'analyst-laptop-2', bootId: null, bootTime: 0, startTicks: null, createdAt: '2026-12-01T09:00:00.000Z' };
    await writeFile(`${host.demoCasePath}.lock`, JSON.stringify(lock));
    const dialog = app.unlockDialog;
    await dialog.unlock(DEMO_PASSPHRASE);
    await expect(dialog.error).toContainText('analyst-laptop-2');
    await expect(dialog.root.getByText('The case is in use')).toBeVisible();
    await dialog.root.getByRole('button', { name: 'Take over the lock and unlock' }).click();
    await expect(dialog.root).toBeHidden();
    await expect(app.caseName).toHaveText('Islamic State Khorasan 2017–2024 (demo)');
    await expect(app.page.getByText(/A lock left behind was cleared: you chose to take it over/)).toBeVisible();
    const taken = JSON.parse(await readFile(`${host.demoCasePath}.lock`, 'utf8')) as { host: string; token: string };
    expect(taken.token).not.toBe(lock.token);
  });
});

plain('opening a large case shows what it is doing, with a progress bar, until the case is open', async ({ page }) => {
  plain.setTimeout(240_000);
  const dir = await mkdtemp(join(tmpdir(), 'casefile-e2e-open-progress-'));
  const passphrase = 'open progress e2e passphrase';
  const store = join(dir, 'large.cfcase');
  // Large enough that opening takes well over the one second before progress shows.
  const created = await CaseStore.create(store, passphrase, generateCase({ events: 200_000, actors: 2_000 }));
  await created.close();
  const host = await startHost({ store });
  try {
    const app = new AppPage(page);
    await app.goto(host.url);
    const dialog = app.unlockDialog;
    await expect(dialog.fileName).toHaveText('large.cfcase');
    await dialog.unlock(passphrase);
    const progress = dialog.root.getByRole('status').filter({ has: page.getByRole('progressbar') });
    await expect(progress).toBeVisible({ timeout: 30_000 });
    await expect(progress).toContainText(/Checking the passphrase|Reading the case — [\d.]+ MB of [\d.]+ MB|Replaying the latest edits/);
    await expect(dialog.root).toBeHidden({ timeout: 120_000 });
    await expect(app.caseName).toHaveText(/./);
    await expect(page.getByRole('progressbar', { name: 'Opening progress' })).toHaveCount(0);
  } finally {
    await host.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
