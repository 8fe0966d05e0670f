import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { generateCase } from '../../bench/generate';
import { CaseStore } from '../../src/main/store/case-store';
import { startHost } from './host';
import { AppPage } from './pages/AppPage';
import { TimelinePage } from './pages/TimelinePage';

test('keyboard zoom and pan over density are drawn from the tiles the page holds, without asking main for the window', async ({ page }) => {
  test.setTimeout(120_000);
  const dir = await mkdtemp(join(tmpdir(), 'casefile-e2e-tiles-'));
  const passphrase = 'timeline tiles e2e passphrase';
  const store = join(dir, 'busy.cfcase');
  const created = await CaseStore.create(store, passphrase, generateCase({ events: 5_000, actors: 50 }));
  await created.close();
  const host = await startHost({ store, passphrase });
  try {
    const asked: string[] = [];
    let inFlight = 0;
    page.on('request', (request) => {
      const channel = /\/ipc\/(timeline:[a-z]+)/.exec(request.url())?.[1];
      if (!channel) return;
      asked.push(channel);
      inFlight++;
    });
    const done = (request: { url(): string }) => {
      if (/\/ipc\/timeline:/.test(request.url())) inFlight--;
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    /** The chart's own requests and the tiles it asks for after a draw have all been answered. */
    const settled = () => expect.poll(() => inFlight, { timeout: 30_000 }).toBe(0);

    const app = new AppPage(page);
    const timeline = new TimelinePage(page);
    await app.goto(host.url);
    await app.tab('Timeline').click();
    await expect(timeline.chart).toHaveAttribute('data-mode', 'density');
    await settled();
    expect(asked).toContain('timeline:tiles');

    await timeline.chart.focus();
    const windowsAsked = asked.filter((c) => c === 'timeline:window').length;
    for (const key of ['ArrowRight', '+', 'ArrowLeft', '-', '-', 'ArrowRight']) {
      const drawn = await timeline.chart.evaluate(
        (chart, k) =>
          new Promise<number>((resolve) => {
            const observer = new MutationObserver(() => {
              observer.disconnect();
              resolve(Number(chart.getAttribute('data-items')));
            });
            observer.observe(chart, { attributes: true, attributeFilter: ['data-items'] });
            chart.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
          }),
        key,
      );
      expect(drawn, `bars drawn after ${key}`).toBeGreaterThan(0);
      await expect(timeline.chart).toHaveAttribute('data-mode', 'density');
      await expect(timeline.chart.locator('.cf-density-layer .cf-density').first()).toBeVisible();
      await settled();
    }
    expect(asked.filter((c) => c === 'timeline:window').length, 'timeline:window requests during the steps').toBe(windowsAsked);
  } finally {
    await host.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
