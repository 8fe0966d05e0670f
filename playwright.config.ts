import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the renderer through the browser host (the real services on loopback).
 * Electron tests live in test/e2e/electron/ with their own configuration; this one leaves them out.
 */
export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  // Creating and unlocking a case runs scrypt at N = 2^17 several times per test.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  outputDir: 'test-results/e2e',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
  },
  projects: [
    {
      name: 'browser',
      testIgnore: ['**/electron/**'],
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env['CASEFILE_CHROMIUM'] ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu'],
        },
      },
    },
  ],
});
