import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Runs the real bundle, dist/electron/main.cjs as scripts/build-main.mjs builds it, against a
 * recording stand-in for the `electron` module. No Electron binary is needed, so this checks the
 * glue everywhere: what is registered before `ready`, the window's web preferences, the app://
 * handler, the session rules, the IPC wiring with its sender check, event forwarding and the
 * fold on quit. (What Chromium then does with those settings is the e2e suite's job.)
 */

type Listener = (...args: unknown[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  once(name: string, listener: Listener): this {
    return this.on(name, listener);
  }
  emit(name: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(name) ?? []) listener(...args);
  }
}

interface PreventableEvent {
  url?: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

function preventable(url?: string): PreventableEvent {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

class FakeWebContents extends Emitter {
  readonly sent: unknown[][] = [];
  windowOpenHandler: (() => unknown) | null = null;
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  setWindowOpenHandler(handler: () => unknown): void {
    this.windowOpenHandler = handler;
  }
}

function createFakeElectron() {
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const state = {
    isReady: false,
    calls: [] as string[],
    userData: join(tmpdir(), 'cf-default-user-data'),
    privileged: [] as { scheme: string; privileges: Record<string, boolean>; beforeReady: boolean }[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, Listener>(),
    windows: [] as FakeBrowserWindow[],
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    devicePermission: null as Listener | null,
    beforeRequest: null as Listener | null,
    quitRequests: 0,
    quit: false,
    errorBoxes: [] as string[],
  };

  const app = new (class extends Emitter {
    isPackaged = false;
    setName(name: string) {
      state.calls.push(`setName:${name}`);
    }
    setPath(name: string, path: string) {
      if (name === 'userData') state.userData = path;
    }
    getPath() {
      return state.userData;
    }
    enableSandbox() {
      state.calls.push('enableSandbox');
    }
    requestSingleInstanceLock() {
      state.calls.push('requestSingleInstanceLock');
      return true;
    }
    whenReady() {
      return ready;
    }
    quit() {
      state.quitRequests++;
      const event = preventable();
      this.emit('before-quit', event);
      if (!event.defaultPrevented) state.quit = true;
    }
    exit() {
      state.quit = true;
    }
  })();

  class FakeBrowserWindow extends Emitter {
    static getAllWindows(): FakeBrowserWindow[] {
      return state.windows;
    }
    readonly webContents = new FakeWebContents();
    loadedUrl: string | null = null;
    constructor(readonly options: { webPreferences: Record<string, unknown> } & Record<string, unknown>) {
      super();
      state.windows.push(this);
    }
    async loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
    }
    isDestroyed(): boolean {
      return false;
    }
  }

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    dialog: {
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
      showErrorBox: (_title: string, message: string) => state.errorBoxes.push(message),
    },
    ipcMain: { handle: (channel: string, handler: Listener) => state.ipcHandlers.set(channel, handler) },
    Menu: { buildFromTemplate: (template: unknown) => ({ template }), setApplicationMenu: () => state.calls.push('setApplicationMenu') },
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string; privileges: Record<string, boolean> }[]) => {
        for (const s of schemes) state.privileged.push({ ...s, beforeReady: !state.isReady });
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => state.protocolHandlers.set(scheme, handler),
    },
    // Linux with no secret service: the keychain port must refuse.
    safeStorage: { isEncryptionAvailable: () => true, getSelectedStorageBackend: () => 'basic_text', encryptString: (s: string) => Buffer.from(s), decryptString: (b: Buffer) => b.toString() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => (state.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Listener) => (state.permissionCheck = handler),
        setDevicePermissionHandler: (handler: Listener) => (state.devicePermission = handler),
        webRequest: { onBeforeRequest: (handler: Listener) => (state.beforeRequest = handler) },
      },
    },
  };
  return {
    electron,
    state,
    app,
    start: () => {
      state.isReady = true;
      markReady();
    },
  };
}

const work = mkdtempSync(join(tmpdir(), 'cf-electron-main-'));
const out = join(work, 'dist');
const home = join(work, 'home');
const fake = createFakeElectron();
type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleInternals = Module as unknown as { _load: Load };
const originalLoad = moduleInternals._load;

async function until<T>(probe: () => T | null | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function invoke(channel: unknown, request: unknown, senderUrl: string | null = 'app://casefile/index.html'): Promise<{ ok: boolean; value?: Record<string, unknown>; error?: { code: string } }> {
  const handler = fake.state.ipcHandlers.get('casefile:invoke');
  if (!handler) throw new Error('No IPC handler registered.');
  return handler({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, channel, request) as Promise<{ ok: boolean; value?: Record<string, unknown>; error?: { code: string } }>;
}

beforeAll(async () => {
  const built = spawnSync(process.execPath, ['scripts/build-main.mjs', '--outdir', out], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build-main failed:\n${built.stdout}\n${built.stderr}`);
  mkdirSync(join(out, 'renderer'), { recursive: true });
  writeFileSync(join(out, 'renderer', 'index.html'), '<!doctype html><title>Casefile</title>');
  writeFileSync(join(work, 'secret.txt'), 'outside the renderer folder');
  process.env['CASEFILE_HOME'] = home;
  moduleInternals._load = function (request, parent, isMain) {
    if (request === 'electron') return fake.electron;
    return originalLoad.call(this, request, parent, isMain);
  };
  Module.createRequire(import.meta.url)(join(out, 'electron', 'main.cjs'));
});

afterAll(() => {
  moduleInternals._load = originalLoad;
  delete process.env['CASEFILE_HOME'];
  rmSync(work, { recursive: true, force: true });
});

describe('dist/electron/main.cjs against a stand-in electron module', () => {
  it('before ready: names the app, moves userData to CASEFILE_HOME, sandboxes, registers app:// and takes the lock', () => {
    const { state } = fake;
    expect(state.calls).toEqual(['setName:Casefile Workbench', 'enableSandbox', 'requestSingleInstanceLock']);
    expect(state.userData).toBe(home);
    expect(state.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true }, beforeReady: true }]);
    expect(state.ipcHandlers.size).toBe(0);
  });

  it('on ready: creates the demo case and one locked-down window on app://casefile', async () => {
    fake.start();
    const window = await until(() => fake.state.windows[0], 'the main window');
    expect(existsSync(join(home, 'cases', 'isk-demo.cfcase'))).toBe(true);
    expect(window.loadedUrl).toBe('app://casefile/index.html');
    expect(window.options.webPreferences).toMatchObject({
      preload: join(out, 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Chromium's PDF viewer, for a case's PDFs shown in the app.
      plugins: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(existsSync(window.options.webPreferences['preload'] as string)).toBe(true);
    expect(fake.state.calls).toContain('setApplicationMenu');
    expect(fake.state.errorBoxes).toEqual([]);
  });

  it('serves the renderer over app:// with the CSP and refuses traversal', async () => {
    const handler = fake.state.protocolHandlers.get('app');
    if (!handler) throw new Error('app:// is not handled');
    const index = await handler(new Request('app://casefile/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const escape = await handler(new Request('app://casefile/%2e%2e/%2e%2e/secret.txt'));
    expect(escape.status).toBe(404);
  });

  it('denies every permission but clipboard writes from our pages, and cancels requests that leave app://', () => {
    const { state } = fake;
    const answers: boolean[] = [];
    const ours = { getURL: () => 'app://casefile/index.html' };
    const foreign = { getURL: () => 'https://example.com/' };
    state.permissionRequest?.(ours, 'media', (granted: boolean) => answers.push(granted));
    state.permissionRequest?.(ours, 'notifications', (granted: boolean) => answers.push(granted));
    state.permissionRequest?.(foreign, 'clipboard-sanitized-write', (granted: boolean) => answers.push(granted));
    state.permissionRequest?.(ours, 'clipboard-sanitized-write', (granted: boolean) => answers.push(granted));
    expect(answers).toEqual([false, false, false, true]);
    expect(state.permissionCheck?.({}, 'clipboard-read', 'app://casefile')).toBe(false);
    expect(state.permissionCheck?.({}, 'clipboard-sanitized-write', 'app://casefile')).toBe(true);
    expect(state.permissionCheck?.({}, 'clipboard-sanitized-write', 'https://example.com')).toBe(false);
    expect(state.devicePermission?.({})).toBe(false);
    const cancelled = (url: string): unknown => {
      let decision: unknown;
      state.beforeRequest?.({ url }, (response: { cancel: boolean }) => (decision = response.cancel));
      return decision;
    };
    expect(cancelled('app://casefile/assets/index.js')).toBe(false);
    expect(cancelled('https://example.com/')).toBe(true);
    expect(cancelled('http://127.0.0.1:9/')).toBe(true);
    expect(cancelled('file:///etc/passwd')).toBe(true);
  });

  it('hardens every web contents: navigation, redirects, new windows, webviews', () => {
    const contents = new FakeWebContentsProbe();
    fake.app.emit('web-contents-created', {}, contents);
    const navigate = (event: string, url: string): boolean => {
      const e = preventable(url);
      contents.emit(event, e);
      return e.defaultPrevented;
    };
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(navigate(event, 'https://example.com/'), event).toBe(true);
      expect(navigate(event, 'file:///etc/passwd'), event).toBe(true);
      expect(navigate(event, 'app://casefile/index.html#/actors'), event).toBe(false);
    }
    expect(contents.windowOpenHandler?.()).toEqual({ action: 'deny' });
    const attach = preventable();
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.defaultPrevented).toBe(true);
  });

  it('answers IPC from app://casefile only, through the shared dispatch', async () => {
    const info = await invoke('app:info', {});
    expect(info).toMatchObject({ ok: true, value: { host: 'electron', nativeDialogs: true, keychain: false, version: '0.1.0' } });
    expect(await invoke('app:info', {}, 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke('app:info', {}, 'app://other/index.html')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke('app:info', {}, null)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke({ not: 'a name' }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const status = await invoke('case:status', {});
    expect(status).toMatchObject({ ok: true, value: { open: null, candidate: { isDemo: true, exists: true } } });
  });

  it('forwards service events to the window and folds the case before quitting', async () => {
    const unlocked = await invoke('case:unlock', { path: join(home, 'cases', 'isk-demo.cfcase'), passphrase: 'khorasan-demo' });
    expect(unlocked.ok).toBe(true);
    const lock = join(home, 'cases', 'isk-demo.cfcase.lock');
    expect(existsSync(lock)).toBe(true);
    await invoke('case:save', {});
    const window = fake.state.windows[0];
    expect(window?.webContents.sent.some(([channel, name]) => channel === 'casefile:event' && name === 'case:autosave')).toBe(true);

    fake.app.quit();
    expect(fake.state.quit).toBe(false); // held back while the case is folded and closed
    await until(() => fake.state.quit, 'the app to quit after closing the case');
    expect(fake.state.quitRequests).toBe(2);
    expect(existsSync(lock)).toBe(false);
    expect((await invoke('case:status', {})).value).toMatchObject({ open: null });
  });
});

describe('dist/electron/preload.cjs against a stand-in electron module', () => {
  it('requires only electron and exposes just invoke/on, allowlisted by the contract', async () => {
    const required: string[] = [];
    let exposed: { name: string; api: Record<string, (...args: unknown[]) => unknown> } | null = null;
    const invoked: unknown[][] = [];
    const subscribed: string[] = [];
    const standIn = {
      contextBridge: { exposeInMainWorld: (name: string, api: Record<string, (...args: unknown[]) => unknown>) => (exposed = { name, api }) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => {
          invoked.push(args);
          return { ok: true, value: {} };
        },
        on: (channel: string) => subscribed.push(channel),
        removeListener: (channel: string) => subscribed.splice(subscribed.indexOf(channel), 1),
      },
    };
    const previous = moduleInternals._load;
    moduleInternals._load = function (request, parent, isMain) {
      required.push(request);
      if (request === 'electron') return standIn;
      return originalLoad.call(this, request, parent, isMain);
    };
    try {
      Module.createRequire(import.meta.url)(join(out, 'electron', 'preload.cjs'));
    } finally {
      moduleInternals._load = previous;
    }
    expect(required.filter((r) => !r.endsWith('preload.cjs'))).toEqual(['electron']);
    if (!exposed) throw new Error('Nothing was exposed.');
    const { name, api } = exposed as { name: string; api: Record<string, (...args: unknown[]) => unknown> };
    expect(name).toBe('casefile');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(await api['invoke']?.('fs:read', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(invoked).toEqual([]);
    await api['invoke']?.('app:info', {});
    expect(invoked).toEqual([['casefile:invoke', 'app:info', {}, {}]]);
    // Only a whole number passes as the case a window shows; anything else is dropped.
    await api['invoke']?.('case:save', {}, { caseGeneration: 3 });
    await api['invoke']?.('case:save', {}, { caseGeneration: 'x', extra: true });
    expect(invoked.slice(1)).toEqual([
      ['casefile:invoke', 'case:save', {}, { caseGeneration: 3 }],
      ['casefile:invoke', 'case:save', {}, {}],
    ]);
    const unsubscribe = api['on']?.('case:changed', () => undefined) as () => void;
    expect(subscribed).toEqual(['casefile:event']);
    unsubscribe();
    expect(subscribed).toEqual([]);
    (api['on']?.('no-such-event', () => undefined) as () => void)();
    expect(subscribed).toEqual([]);
  });
});

/** A fresh web contents as Electron would announce it through 'web-contents-created'. */
class FakeWebContentsProbe extends FakeWebContents {}
