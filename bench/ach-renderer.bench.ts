/**
 * ACH re-scoring in the renderer (issue #17): a case holding one 200-row, 12-hypothesis matrix,
 * opened in Chromium through the browser host. Each sample is one rating keypress on a focused
 * cell (the second i of "i i", making II, or n) to the hypothesis's scores changed on screen and
 * the next animation frame: the view re-rates the row, re-scores the matrix (and its sensitivity
 * list) and re-renders the grid. Medians of the samples:
 *   ach_rescore_200x12_ms < 16 — keydown to the new scores in the DOM (the renderer's work)
 *   ach_rescore_200x12_to_frame_ms — the same, plus the wait for the next frame to paint it
 * The same re-score on the bare functions, in Node, is `ach_rescore_200x12_node_ms` (ach.bench.ts).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CaseStore } from '../src/main/store/case-store';
import { RATINGS, type AchMatrix, type AchRow } from '../src/shared/domain/ach';
import { emptyCase, type CaseDocument } from '../src/shared/domain/case';
import buildRendererIfStale from '../test/e2e/global-setup';
import { startHost } from './browser-host';
import type { BenchContext } from './run';

const PASSPHRASE = 'bench passphrase, not a secret';
const ROWS = 200;
const HYPOTHESES = 12;
const SAMPLES = Number(process.env['CASEFILE_BENCH_ACH_SAMPLES'] ?? 40);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** A deterministic 200×12 matrix (ratings from a small LCG); the first row's first cell starts at N. */
function benchCase(): CaseDocument {
  const doc = emptyCase('case--ach-bench', 'ACH bench', '2026-01-01T00:00:00.000Z');
  let seed = 17;
  const next = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n);
  const matrix: AchMatrix = { id: 'matrix--bench', title: 'Bench question', hypotheses: Array.from({ length: HYPOTHESES }, (_, i) => ({ id: `hypothesis--h${i}`, statement: `Hypothesis ${i + 1}` })), marking: 'TLP:CLEAR' };
  const levels = ['high', 'medium', 'low'] as const;
  doc.matrices = [matrix];
  doc.matrixRows = Array.from({ length: ROWS }, (_, r): AchRow => {
    const ratings = Object.fromEntries(matrix.hypotheses.map((h, k) => [h.id, { value: r === 0 && k === 0 ? 'N' : RATINGS[next(RATINGS.length)]! }]));
    return { id: `row--r${String(r).padStart(3, '0')}`, matrixId: matrix.id, title: `Evidence ${r + 1}`, kind: 'assumption', cites: [], relevance: levels[next(3)]!, credibility: levels[next(3)]!, ratings, position: r, marking: 'TLP:CLEAR' };
  });
  return doc;
}

/**
 * In the page: presses `keys` on the focused cell (all but the last untimed), and answers the ms
 * from the last keydown to H1's scores changed (`updated`) and to the frame after (`total`). A string, as tsx would wrap a
 * function in __name(), which the page lacks.
 */
async function rateAndTime(page: Page, keys: string[]): Promise<{ total: number; updated: number }> {
  return (await page.evaluate(`(async (keys) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const cell = document.querySelector('[role="gridcell"][tabindex="0"]');
    const score = document.querySelector('[data-testid="hypothesis-H1"] .cf-ach-score');
    const before = score.textContent;
    const press = (key) => cell.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    await frame();
    for (const key of keys.slice(0, -1)) press(key);
    // Polled through microtasks first (React flushes a discrete event's update in one), then
    // through MessageChannel turns: setTimeout(0) would add its 4 ms clamp to the figure.
    const channel = new MessageChannel();
    const turn = () => new Promise((resolve) => { channel.port1.onmessage = resolve; channel.port2.postMessage(0); });
    const started = performance.now();
    press(keys[keys.length - 1]);
    for (let i = 0; score.textContent === before; i++) {
      if (performance.now() - started > 10000) throw new Error('the scores did not change');
      await (i < 8 ? Promise.resolve() : turn());
    }
    const updated = performance.now() - started;
    channel.port1.close();
    await frame();
    return { total: performance.now() - started, updated };
  })(${JSON.stringify(keys)})`)) as { total: number; updated: number };
}

export default async function achRendererBench({ dir, log }: BenchContext): Promise<Record<string, number>> {
  buildRendererIfStale();
  const home = join(dir, 'home');
  await mkdir(home, { recursive: true });
  const path = join(dir, 'ach-200x12.cfcase');
  await (await CaseStore.create(path, PASSPHRASE, benchCase())).close();
  const host = await startHost(path, home, PASSPHRASE);
  const browser = await chromium.launch({ executablePath: process.env['CASEFILE_CHROMIUM'] ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(120_000);
    await page.addInitScript(() => localStorage.setItem('casefile.view', 'ach'));
    await page.goto(host.url);
    const first = page.getByRole('grid', { name: 'Rating matrix' }).getByRole('gridcell', { name: /^Evidence 1 × H1:/ });
    await first.waitFor();
    await first.focus();
    const samples: number[] = [];
    const updates: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      // N → II → N …: each keypress moves H1's inconsistency.
      const { total, updated } = await rateAndTime(page, i % 2 === 0 ? ['i', 'i'] : ['n']);
      samples.push(total);
      updates.push(updated);
      // Main journals the rating and the view reloads the matrix: let that pass before the next sample.
      await page.waitForTimeout(400);
    }
    log(`${SAMPLES} ratings on ${ROWS}×${HYPOTHESES} in Chromium: ${samples.map((ms) => ms.toFixed(1)).join(', ')} ms`);
    log(`of which keydown to the scores changed in the DOM (before the frame): median ${median(updates).toFixed(1)} ms`);
    // The figure is the renderer's work: keydown to the re-scored matrix in the DOM. Painting it
    // waits for the display's next frame (up to 16.7 ms at 60 Hz), reported beside it.
    return { ach_rescore_200x12_ms: Number(median(updates).toFixed(1)), ach_rescore_200x12_to_frame_ms: Number(median(samples).toFixed(1)) };
  } finally {
    await browser.close();
    await host.stop();
  }
}
