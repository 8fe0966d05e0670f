import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

// The Electron end-to-end suite: `npx playwright test -c test/e2e/electron/playwright.electron.config.ts`.
// Every test skips, with the reason, where no Electron binary is installed.
const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '../../..');

export default defineConfig({
  testDir: here,
  testMatch: '*.spec.ts',
  globalSetup: resolve(here, 'global-setup.ts'),
  // One Electron at a time: each test launches its own app with its own CASEFILE_HOME.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  forbidOnly: Boolean(process.env['CI']),
  outputDir: resolve(root, 'test-results/electron'),
  reporter: [['list'], ['json', { outputFile: resolve(root, 'test-results/e2e-electron.json') }]],
});
