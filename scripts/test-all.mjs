#!/usr/bin/env node
// `npm test`: type check, lint, Electron's security audit (Electronegativity, counted as one test),
// unit tests (vitest), end-to-end tests in Chromium against the browser host, and the Electron
// end-to-end tests (which skip where no Electron binary exists).
// Every step runs even if an earlier one failed, then one closing line counts the tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureDependencies } from './ensure-deps.mjs';

ensureDependencies();
const chromium = process.env.CASEFILE_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`The end-to-end tests need Chromium at ${chromium}. Install it (Debian: apt-get install -y chromium) or set CASEFILE_CHROMIUM.`);
}

const results = 'test-results';
mkdirSync(results, { recursive: true });

const steps = [
  { name: 'type check', cmd: ['npx', 'tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'lint', cmd: ['npx', 'eslint', 'src', 'test', 'bench', 'scripts'] },
  // Fails on any finding not listed, with its reason, in test/electronegativity-exceptions.json.
  { name: 'Electron security audit (Electronegativity)', cmd: ['npx', 'tsx', 'test/security/electronegativity.ts'], countsAsOneTest: true },
  { name: 'unit tests', cmd: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${results}/unit.json`], report: `${results}/unit.json` },
  { name: 'end-to-end tests (browser host, Chromium)', cmd: ['npx', 'playwright', 'test'], report: `${results}/e2e.json` },
  {
    name: 'end-to-end tests (Electron)',
    cmd: ['npx', 'playwright', 'test', '--config', 'test/e2e/electron/playwright.electron.config.ts'],
    report: `${results}/e2e-electron.json`,
    optionalConfig: 'test/e2e/electron/playwright.electron.config.ts',
  },
];

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

for (const step of steps) {
  if (step.optionalConfig && !existsSync(step.optionalConfig)) continue;
  if (step.report) rmSync(step.report, { force: true });
  console.log(`\n=== ${step.name}: ${step.cmd.join(' ')}`);
  const run = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit', env: process.env });
  const counted = step.report ? countReport(step.report) : step.countsAsOneTest ? { passed: run.status === 0 ? 1 : 0, failed: run.status === 0 ? 0 : 1, skipped: 0 } : null;
  if (counted) {
    totals.passed += counted.passed;
    totals.failed += counted.failed;
    totals.skipped += counted.skipped;
  }
  if (run.status !== 0) {
    failedSteps.push(step.name);
    // A step that failed without reporting any failed test (a crash, a config error) still counts as one failure.
    if (!counted || counted.failed === 0) totals.failed += 1;
  }
}

console.log('');
if (failedSteps.length > 0) console.log(`Failed steps: ${failedSteps.join(', ')}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length > 0 || totals.failed > 0 ? 1 : 0);

function countReport(file) {
  if (!existsSync(file)) return null;
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof report.numPassedTests === 'number') {
      // vitest
      return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0) };
    }
    if (report.stats) {
      // Playwright
      const s = report.stats;
      return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 };
    }
  } catch {
    return null;
  }
  return null;
}
