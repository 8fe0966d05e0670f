import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { electronBinary, expect, SKIP_MESSAGE, test } from './fixtures';

test.skip(!electronBinary, SKIP_MESSAGE);

/** A loopback server that counts every request reaching it: remote content must never get here. */
let server: Server;
let hits = 0;
let serverUrl = '';

test.beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    res.writeHead(200, { 'Content-Type': 'text/html', 'Access-Control-Allow-Origin': '*' });
    res.end('<!doctype html><title>remote</title><script>window.remote = true</script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test.beforeEach(() => {
  hits = 0;
});

test.describe('Electron security', () => {
  test('the renderer has no Node: no require, process, module or Buffer; only the bridge', async ({ appWindow }) => {
    const globals = await appWindow.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return {
        require: typeof w['require'],
        process: typeof w['process'],
        module: typeof w['module'],
        Buffer: typeof w['Buffer'],
        global: typeof w['global'],
        bridge: Object.keys(window.casefile ?? {}).sort(),
      };
    });
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined', global: 'undefined', bridge: ['invoke', 'on'] });
  });

  test('the bridge refuses channels outside the contract', async ({ appWindow }) => {
    const result = await appWindow.evaluate(() => window.casefile?.invoke('fs:read', { path: '/etc/passwd' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('navigation away from app:// is blocked', async ({ appWindow }) => {
    const before = appWindow.url();
    await appWindow.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await appWindow.waitForTimeout(1_000);
    expect(appWindow.url()).toBe(before);
    // A link the page might render is blocked the same way.
    await appWindow.evaluate((url) => {
      const a = document.createElement('a');
      a.href = url;
      a.textContent = 'remote link';
      a.id = 'cf-test-link';
      document.body.append(a);
    }, serverUrl);
    await appWindow.locator('#cf-test-link').click();
    await appWindow.waitForTimeout(1_000);
    expect(appWindow.url()).toBe(before);
    expect(hits).toBe(0);
  });

  test('window.open returns null and opens no window', async ({ appWindow, electronApp }) => {
    const opened = await appWindow.evaluate((url) => window.open(url) === null && window.open('app://casefile/index.html') === null, serverUrl);
    expect(opened).toBe(true);
    await appWindow.waitForTimeout(500);
    expect(electronApp.windows()).toHaveLength(1);
    expect(await electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    expect(hits).toBe(0);
  });

  test('fetch, images and frames to remote or loopback addresses are blocked', async ({ appWindow }) => {
    const outcome = await appWindow.evaluate(async (url) => {
      const attempt = async (target: string): Promise<string> => {
        try {
          await fetch(target);
          return 'loaded';
        } catch {
          return 'blocked';
        }
      };
      const image = await new Promise<string>((resolve) => {
        const img = document.createElement('img');
        img.onload = () => resolve('loaded');
        img.onerror = () => resolve('blocked');
        img.src = `${url}pixel.png`;
        document.body.append(img);
      });
      const frame = document.createElement('iframe');
      frame.src = url;
      document.body.append(frame);
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { loopback: await attempt(url), closed: await attempt('http://127.0.0.1:9/'), remote: await attempt('https://example.com/'), image };
    }, serverUrl);
    expect(outcome).toEqual({ loopback: 'blocked', closed: 'blocked', remote: 'blocked', image: 'blocked' });
    expect(hits).toBe(0);
  });

  test('the session cancels non-app:// requests even without the page CSP', async ({ electronApp }) => {
    // A window loaded from the main process is not subject to our page's CSP: only
    // session.webRequest stands between it and the network.
    const error = await electronApp.evaluate(async ({ BrowserWindow }, url) => {
      const probe = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true } });
      try {
        await probe.loadURL(url);
        return 'loaded';
      } catch (e) {
        return String((e as Error).message);
      } finally {
        probe.destroy();
      }
    }, serverUrl);
    expect(error).toMatch(/ERR_BLOCKED_BY_CLIENT/);
    expect(hits).toBe(0);
  });

  test('injected markup and inline script do not run (CSP)', async ({ appWindow }) => {
    const ran = await appWindow.evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      const host = document.createElement('div');
      document.body.append(host);
      host.innerHTML = '<script>window.cfInjected = "innerHTML script"</script><img src="data:," onerror="window.cfInjected = \'inline handler\'">';
      const inline = document.createElement('script');
      inline.textContent = 'window.cfInjected = "inline script element"';
      document.body.append(inline);
      let evalResult = 'blocked';
      try {
        // The point of the test: the page's CSP has no 'unsafe-eval', so this must throw.
        eval('1 + 1');
        evalResult = 'ran';
      } catch {
        evalResult = 'blocked';
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { injected: w['cfInjected'] ?? null, evalResult, violations: violations.length > 0 };
    });
    expect(ran).toEqual({ injected: null, evalResult: 'blocked', violations: true });
  });

  test('permission requests are denied', async ({ appWindow }) => {
    const outcome = await appWindow.evaluate(async () => {
      const notification = await Notification.requestPermission();
      let media = 'granted';
      try {
        const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
        stream.getTracks().forEach((t) => t.stop());
      } catch (e) {
        media = (e as DOMException).name;
      }
      const geolocation = await new Promise<string>((resolve) =>
        navigator.geolocation.getCurrentPosition(
          () => resolve('granted'),
          (e) => resolve(e.code === e.PERMISSION_DENIED ? 'denied' : `error ${e.code}`),
          { timeout: 5_000 },
        ),
      );
      return { notification, media, geolocation };
    });
    expect(outcome).toEqual({ notification: 'denied', media: 'NotAllowedError', geolocation: 'denied' });
  });
});
