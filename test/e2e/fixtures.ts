import { test as base, expect } from '@playwright/test';
import { startHost, type CasefileHost } from './host';
import { AppPage } from './pages/AppPage';

export const DEMO_PASSPHRASE = 'khorasan-demo';

interface Options {
  /** Have the host unlock the demo case before the page loads (CASEFILE_PASSPHRASE). */
  preUnlocked: boolean;
}

interface Fixtures {
  /** A fresh browser host on loopback with its own temporary CASEFILE_HOME and the demo case. */
  host: CasefileHost;
  /** The app page, already navigated to the host's launch URL. */
  app: AppPage;
}

export const test = base.extend<Fixtures & Options>({
  preUnlocked: [false, { option: true }],
  host: async ({ preUnlocked }, use, testInfo) => {
    const host = await startHost(preUnlocked ? { passphrase: DEMO_PASSPHRASE } : {});
    try {
      await use(host);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('browser-host.log', { body: host.log(), contentType: 'text/plain' });
      await host.stop();
    }
  },
  app: async ({ page, host }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const app = new AppPage(page);
    await app.goto(host.url);
    await use(app);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
