import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';

const require = createRequire(import.meta.url);
const { source } = require('axe-core') as { source: string };

/** The WCAG 2.1 A and AA rules, and nothing else (no best practices, no AAA). */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

/**
 * Parts of the page axe leaves out, each one a third-party element the app cannot fix from outside.
 * Keep this list minimal and say why for each entry.
 */
export const EXCLUDED: readonly string[] = [];

export type Theme = 'light' | 'dark';

/** One violation, on one element, as a line a reader can act on. */
export interface Finding {
  where: string;
  rule: string;
  impact: string;
  target: string;
  summary: string;
}

export const describeFinding = (f: Finding): string => `${f.where}: ${f.rule} (${f.impact}) at ${f.target} — ${f.summary}`;

/** Loads the theme the app reads at start (localStorage "casefile.theme") and reloads the page. */
export async function applyTheme(page: Page, theme: Theme): Promise<void> {
  await page.evaluate((t) => localStorage.setItem('casefile.theme', t), theme);
  await page.reload();
  await page.waitForFunction((dark) => document.body.classList.contains('bp6-dark') === dark, theme === 'dark');
}

/**
 * Runs axe-core in the page on what it shows now, restricted to the WCAG 2.1 A and AA rules.
 * Transitions are settled first: a half-faded dialog would report its own fade as poor contrast.
 */
export async function audit(page: Page, where: string): Promise<Finding[]> {
  await page.waitForTimeout(400);
  // Evaluated through the DevTools protocol: the app's CSP (script-src 'self') rightly refuses an inline <script>.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  const results = await page.evaluate(
    async ({ tags, exclude }) => {
      const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<AxeResults> } }).axe;
      return axe.run({ include: [document], exclude: exclude.map((s) => [s]) }, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    },
    { tags: [...WCAG_21_AA], exclude: [...EXCLUDED] },
  );
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => ({
      where,
      rule: v.id,
      impact: n.impact ?? v.impact ?? 'unknown',
      target: n.target.map(String).join(' > '),
      summary: (n.failureSummary ?? v.help).replace(/\s+/g, ' ').slice(0, 240),
    })),
  );
}
