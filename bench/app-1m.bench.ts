/**
 * The whole app at 1,000,000 events (issue #13 point 9), in Chromium through the browser host
 * (a node with the 4 GB heap Electron's main process has), the case unlocked at start:
 *
 *   timeline_first_render_1m_ms < 3,000   page load to the chart drawn
 *   timeline_step_median_1m_ms  < 50      keyboard zoom or pan to the next painted frame
 *   renderer_heap_1m_mb         < 800     page JS heap after every view was shown
 *   analytics_first_view_1m_ms  < 3,000   Analytics tab click to every chart drawn
 *   analytics_recompute_1m_ms   < 1,000   a chart choice changed to the charts redrawn
 *   map_first_view_1m_ms        < 3,000   Map tab click to the map drawn
 *   main_rss_1m_mb              < 3,500   the host's resident memory after open and every view
 *
 * CASEFILE_BENCH_APP_EVENTS sets another size while developing (figures are then named after it,
 * e.g. `_200k_`). The case has one actor per ten events, as store-1m's. CASEFILE_BENCH_APP_CASE
 * names a case already written by bench/app-case-child.ts at that size, to skip writing it.
 * The views are measured once the host has settled after open (it reads the case's event
 * columns and the charts' facts in the background): "the case already open".
 */
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import buildRendererIfStale from '../test/e2e/global-setup';
import { startHost } from './browser-host';
import type { BenchContext } from './run';

const PASSPHRASE = 'bench passphrase, not a secret';
const root = fileURLToPath(new URL('../', import.meta.url));
const STEPS = ['+', '+', '+', 'ArrowRight', 'ArrowRight', '+', '+', 'ArrowLeft', '+', '+', 'ArrowRight', '-', '-', 'ArrowLeft', '-', '-', '-', 'ArrowRight', '-', '-'];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** `1m` for a million, `200k` for 200,000: the figures carry the size they were measured at. */
export function sizeLabel(events: number): string {
  return events >= 1_000_000 && events % 1_000_000 === 0 ? `${events / 1_000_000}m` : `${Math.round(events / 1000)}k`;
}

function writeCase(path: string, events: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', join(root, 'bench/app-case-child.ts'), path, String(events), String(Math.max(100, Math.round(events / 10)))], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`writing the ${events}-event case failed (exit ${code})`))));
  });
}

/**
 * Runs `act` in the page, then waits (a frame at a time) until `drawn` holds, and answers the
 * milliseconds between. Both are expressions over the page's `document`, given as strings: tsx
 * would wrap functions in __name(), which the page lacks.
 */
async function timeInPage(page: Page, act: string, drawn: string, timeoutMs = 300_000): Promise<number> {
  return (await page.evaluate(`(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    await frame();
    const started = performance.now();
    ${act};
    while (!(${drawn})) {
      if (performance.now() - started > ${timeoutMs}) throw new Error('not drawn in time: ' + ${JSON.stringify(drawn)});
      await frame();
    }
    await frame();
    return performance.now() - started;
  })()`)) as number;
}

const clickTab = (label: string) => `[...document.querySelectorAll('[role=tab]')].find((t) => t.textContent.trim() === ${JSON.stringify(label)}).click()`;
/** Every chart card of the Analytics view holds its drawing (ECharts draws SVG paths) or says it has nothing to draw. */
const CHARTS_DRAWN = `(() => { const cards = [...document.querySelectorAll('.cf-chart-card')]; return cards.length >= 4 && cards.every((c) => c.querySelector('.cf-echart svg path') || c.querySelector('.cf-muted.cf-pad')); })()`;
const MAP_DRAWN = `document.querySelector('.cf-map-svg path[data-count]') !== null`;

async function timelineSteps(page: Page): Promise<Array<{ key: string; ms: number; mode: string; items: number }>> {
  return (await page.evaluate(`(async (keys) => {
    const chart = document.querySelector('.cf-timeline-chart');
    chart.focus();
    const out = [];
    for (const key of keys) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const drawn = new Promise((resolve) => {
        const observer = new MutationObserver(() => { observer.disconnect(); resolve(); });
        observer.observe(chart, { attributes: true, attributeFilter: ['data-items'] });
      });
      const started = performance.now();
      chart.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      await drawn;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      out.push({ key, ms: performance.now() - started, mode: chart.getAttribute('data-mode') ?? '', items: Number(chart.getAttribute('data-items')) });
    }
    return out;
  })(${JSON.stringify(STEPS)})`)) as Array<{ key: string; ms: number; mode: string; items: number }>;
}

export default async function appBench({ dir, log }: BenchContext): Promise<Record<string, number>> {
  const events = Number(process.env['CASEFILE_BENCH_APP_EVENTS'] ?? 1_000_000);
  const n = sizeLabel(events);
  buildRendererIfStale();
  const home = join(dir, 'home');
  await mkdir(home, { recursive: true });
  const given = process.env['CASEFILE_BENCH_APP_CASE'];
  const store = given ?? join(dir, `app-${n}.cfcase`);
  let started = performance.now();
  if (!given) {
    log(`generating and writing a ${events.toLocaleString('en')}-event case`);
    await writeCase(store, events);
    log(`written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  log('starting the browser host (it unlocks the case at start)');
  started = performance.now();
  const host = await startHost(store, home, PASSPHRASE);
  const openMs = performance.now() - started;
  const rssAfterOpen = host.rssMb();
  log(`host up with the case open in ${(openMs / 1000).toFixed(1)} s, RSS ${rssAfterOpen} MB`);
  const settling = await host.settled(600_000);
  log(`host settled ${(settling / 1000).toFixed(1)} s later (background reading of the case), RSS ${host.rssMb()} MB`);
  const browser = await chromium.launch({ executablePath: process.env['CASEFILE_CHROMIUM'] ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(300_000);
    await page.addInitScript(() => {
      const w = window as unknown as { __firstRender?: number };
      new MutationObserver(() => {
        const chart = document.querySelector('.cf-timeline-chart');
        if (w.__firstRender === undefined && chart && Number(chart.getAttribute('data-items')) > 0) w.__firstRender = performance.now();
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-items'] });
    });
    await page.addInitScript(() => localStorage.setItem('casefile.view', 'timeline'));
    await page.goto(host.url, { timeout: 300_000 });
    await page.waitForFunction(() => (window as unknown as { __firstRender?: number }).__firstRender !== undefined, undefined, { timeout: 300_000 });
    const firstRender = await page.evaluate(() => (window as unknown as { __firstRender: number }).__firstRender);
    log(`timeline first render ${firstRender.toFixed(0)} ms (${await page.locator('.cf-timeline-chart').getAttribute('data-mode')})`);

    const steps = await timelineSteps(page);
    for (const s of steps) log(`step ${s.key}: ${s.ms.toFixed(1)} ms, ${s.mode}, ${s.items} items`);

    const analyticsFirst = await timeInPage(page, clickTab('Analytics'), CHARTS_DRAWN);
    log(`analytics first view ${analyticsFirst.toFixed(0)} ms`);
    // A choice that changes what every event adds to: the place chart stacked by province, then by country again.
    const placeLabel = `document.querySelector('.cf-chart-card .cf-echart')?.getAttribute('aria-label')`;
    const recompute: number[] = [];
    for (const value of ['province', 'country', 'province']) {
      const before = (await page.evaluate(placeLabel)) as string;
      recompute.push(
        await timeInPage(
          page,
          `{ const s = document.querySelector('select[aria-label="Stack by"]'); s.value = ${JSON.stringify(value)}; s.dispatchEvent(new Event('change', { bubbles: true })); }`,
          `${placeLabel} !== ${JSON.stringify(before)} && ${CHARTS_DRAWN}`,
        ),
      );
    }
    log(`analytics recompute ${recompute.map((ms) => ms.toFixed(0)).join(', ')} ms`);

    const mapFirst = await timeInPage(page, clickTab('Map'), MAP_DRAWN);
    log(`map first view ${mapFirst.toFixed(0)} ms`);
    const mapTitle = `document.querySelector('.cf-map-svg')?.getAttribute('aria-label')`;
    const mapBefore = (await page.evaluate(mapTitle)) as string;
    const mapRecompute = await timeInPage(
      page,
      `{ const s = document.querySelector('select[aria-label="Map"]'); s.value = [...s.options].find((o) => o.value !== s.value).value; s.dispatchEvent(new Event('change', { bubbles: true })); }`,
      `${mapTitle} !== ${JSON.stringify(mapBefore)} && document.querySelector('.cf-map-svg path') !== null`,
    );
    log(`map recompute (other scope) ${mapRecompute.toFixed(0)} ms`);

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    const rss = host.rssMb();
    log(`host RSS ${rss} MB after every view (peak ${host.peakRssMb()} MB)`);
    return {
      [`app_open_${n}_ms`]: Math.round(openMs),
      [`timeline_first_render_${n}_ms`]: Math.round(firstRender),
      [`timeline_step_median_${n}_ms`]: Number(median(steps.map((s) => s.ms)).toFixed(1)),
      [`renderer_heap_${n}_mb`]: Number((heap / 1048576).toFixed(1)),
      [`analytics_first_view_${n}_ms`]: Math.round(analyticsFirst),
      [`analytics_recompute_${n}_ms`]: Math.round(median(recompute)),
      [`map_first_view_${n}_ms`]: Math.round(mapFirst),
      [`map_recompute_${n}_ms`]: Math.round(mapRecompute),
      [`main_rss_${n}_mb`]: rss,
      [`main_rss_after_open_${n}_mb`]: rssAfterOpen,
      [`main_settle_after_open_${n}_ms`]: Math.round(settling),
      [`main_peak_rss_${n}_mb`]: host.peakRssMb(),
    };
  } finally {
    await browser.close();
    await host.stop();
  }
}
