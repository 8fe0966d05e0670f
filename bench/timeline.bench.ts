/**
 * The Timeline at 100,000 events, measured in Chromium through the browser host.
 *
 * Targets (issue 3): timeline_first_render_ms < 2000 (from page load of an unlocked case to the
 * chart drawn), timeline_step_median_ms < 50 (keyboard zoom or pan to the next painted frame,
 * density and event windows mixed), renderer_heap_mb < 400 (page JS heap after the steps).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CaseStore } from '../src/main/store/case-store';
import buildRendererIfStale from '../test/e2e/global-setup';
import { generateCase } from './generate';
import type { BenchContext } from './run';

const PASSPHRASE = 'bench passphrase, not a secret';
const root = fileURLToPath(new URL('../', import.meta.url));
const STEPS = ['+', '+', '+', 'ArrowRight', 'ArrowRight', '+', '+', 'ArrowLeft', '+', '+', 'ArrowRight', '-', '-', 'ArrowLeft', '-', '-', '-', 'ArrowRight', '-', '-'];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

function startHost(store: string, home: string): Promise<{ child: ChildProcess; url: string }> {
  const env = { ...process.env, CASEFILE_HOME: home, CASEFILE_PASSPHRASE: PASSPHRASE };
  const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/main/hosts/browser.ts', store], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`browser host printed no URL in 120 s: ${err}`)), 120_000);
    child.stderr?.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.stdout?.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const found = /Casefile Workbench at (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: found[1] });
      }
    });
    child.once('exit', (code) => reject(new Error(`browser host exited (${code}): ${err}`)));
  });
}

export default async function timelineBench({ dir, log }: BenchContext): Promise<Record<string, number>> {
  buildRendererIfStale();
  const home = join(dir, 'home');
  await mkdir(home, { recursive: true });
  const store = join(dir, 'timeline-100k.cfcase');
  log('generating and writing a 100,000-event case');
  const created = await CaseStore.create(store, PASSPHRASE, generateCase({ events: 100_000, actors: 2_000 }));
  await created.close();

  log('starting the browser host (it unlocks the case at start)');
  const host = await startHost(store, home);
  const browser = await chromium.launch({ executablePath: process.env['CASEFILE_CHROMIUM'] ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // Record when the chart first holds items, relative to navigation start.
    await page.addInitScript(() => {
      const w = window as unknown as { __firstRender?: number };
      new MutationObserver(() => {
        const chart = document.querySelector('.cf-timeline-chart');
        if (w.__firstRender === undefined && chart && Number(chart.getAttribute('data-items')) > 0) w.__firstRender = performance.now();
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-items'] });
    });
    await page.addInitScript(() => localStorage.setItem('casefile.view', 'timeline'));
    await page.goto(host.url);
    await page.waitForFunction(() => (window as unknown as { __firstRender?: number }).__firstRender !== undefined, undefined, { timeout: 60_000 });
    const firstRender = await page.evaluate(() => (window as unknown as { __firstRender: number }).__firstRender);
    const mode = await page.locator('.cf-timeline-chart').getAttribute('data-mode');
    log(`first render ${firstRender.toFixed(0)} ms (${mode})`);

    const profiling = process.env['CASEFILE_BENCH_PROFILE'] === '1';
    const profiler = profiling ? await page.context().newCDPSession(page) : null;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.start');
    }
    // A string, not a function: tsx would wrap named helpers in __name(), which the page lacks.
    const steps = (await page.evaluate(`(async (keys) => {
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
    const timings = (await page.evaluate(`performance.getEntriesByType('resource').filter((e) => e.name.includes('/ipc/')).map((e) => [e.name.replace(/^.*\\/ipc\\//, ''), Math.round(e.startTime), Math.round(e.responseEnd), e.encodedBodySize])`)) as unknown[];
    log(`ipc timings [channel, start, end, bytes]: ${JSON.stringify(timings)}`);
    if (profiler) {
      const { profile } = await profiler.send('Profiler.stop');
      const self = new Map<string, number>();
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const dt = profile.timeDeltas ?? [];
      (profile.samples ?? []).forEach((id, i) => {
        const node = byId.get(id);
        const name = node ? `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}` : '?';
        self.set(name, (self.get(name) ?? 0) + (dt[i] ?? 0) / 1000);
      });
      log(`self time (ms): ${JSON.stringify([...self.entries()].sort((x, y) => y[1] - x[1]).slice(0, 25).map(([k, v]) => [k, Math.round(v)]))}`);
    }
    for (const s of steps) log(`step ${s.key}: ${s.ms.toFixed(1)} ms, ${s.mode}, ${s.items} items`);

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    return {
      timeline_first_render_ms: Math.round(firstRender),
      timeline_step_median_ms: Number(median(steps.map((s) => s.ms)).toFixed(1)),
      renderer_heap_mb: Number((heap / 1048576).toFixed(1)),
    };
  } finally {
    await browser.close();
    host.child.kill('SIGTERM');
    await new Promise((resolve) => host.child.once('exit', resolve));
  }
}
