import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, test as base, type ElectronApplication, type Page } from '@playwright/test';
import { CasefileWindow } from './casefile-window';
import { electronBinary, MAIN_BUNDLE, PROJECT_ROOT } from './electron-binary';

export { expect } from '@playwright/test';
export { electronBinary, SKIP_MESSAGE } from './electron-binary';

export interface ElectronFixtures {
  /** A fresh CASEFILE_HOME (the app's userData) for this test. */
  home: string;
  /** The app, launched from dist/electron/main.cjs the way `npm start` launches it. */
  electronApp: ElectronApplication;
  /** Its main window, loaded (not `window`, which would shadow the page's global in evaluate callbacks). */
  appWindow: Page;
  /** The page object over that window. */
  casefile: CasefileWindow;
}

/** Launches the built app with its own userData folder; extra args go to the app (a case file). */
export async function launchCasefile(home: string, args: string[] = []): Promise<ElectronApplication> {
  if (!electronBinary) throw new Error('No Electron binary: the spec should have been skipped.');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  env['CASEFILE_HOME'] = home;
  // Chromium refuses to start as root with its OS sandbox (containers, CI). The renderer keeps
  // Electron's own sandbox (sandbox: true, contextIsolation), which is what the specs check.
  const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  return _electron.launch({ executablePath: electronBinary, args: [...rootArgs, MAIN_BUNDLE, ...args], cwd: PROJECT_ROOT, env });
}

export const test = base.extend<ElectronFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their first argument.
  home: async ({}, use) => {
    const home = mkdtempSync(join(tmpdir(), 'cf-electron-'));
    await use(home);
    rmSync(home, { recursive: true, force: true });
  },
  electronApp: async ({ home }, use) => {
    const app = await launchCasefile(home);
    await use(app);
    // A test may already have closed it (the quit path is under test too).
    await app.close().catch(() => undefined);
  },
  appWindow: async ({ electronApp }, use, testInfo) => {
    const page = await electronApp.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus && !page.isClosed()) {
      await testInfo.attach('window', { body: await page.screenshot(), contentType: 'image/png' });
    }
  },
  casefile: async ({ appWindow }, use) => {
    await use(new CasefileWindow(appWindow));
  },
});
