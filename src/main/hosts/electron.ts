/**
 * Electron host: the product's main-process entry, bundled to dist/electron/main.cjs.
 * Thin glue only — windows, the app:// protocol, session hardening and ipcMain wiring. Every
 * decision about cases lives in the services (createAppServices), shared with the browser host
 * and the CLI; the URL rules, the protocol handler and the keychain port are plain modules under
 * ./electron/ with unit tests of their own.
 *
 * CASEFILE_HOME overrides the userData folder (tests, portable use).
 */
import { promises as fsp } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  session,
  type MenuItemConstructorOptions,
  type OpenDialogOptions,
  type SaveDialogOptions,
  type Session,
  type WebContents,
} from 'electron';
import { BRIDGE_EVENT_CHANNEL, BRIDGE_INVOKE_CHANNEL } from '../../shared/ipc/bridge';
import { err } from '../../shared/ipc/result';
import { createAppServices, type AppServices } from '../app-services';
import { ensureDemoCase } from '../demo-bootstrap';
import type { HostPorts } from '../ipc/host-ports';
import { appPaths } from '../services/app-paths';
import { safeStorageSealer } from '../services/secrets/secret-sealer';
import { appVersion } from '../version';
import { createAppProtocolHandler } from './electron/app-protocol';
import { createSafeStorageKeychain } from './electron/keychain';
import { electronPrintToPdf } from './electron/print-pdf';
import { APP_ENTRY_URL, APP_SCHEME, isAllowedPermission, isAllowedRequestUrl, isAppUrl, isPdfViewerUrl, isTrustedOrigin, originOf, storeArgument } from './electron/policy';

const PRODUCT_NAME = 'Casefile Workbench';
/** Quit even if folding the journal hangs; every edit is already durable in the journal. */
const QUIT_FOLD_TIMEOUT_MS = 15_000;

// The bundle lives in dist/electron/ (in the package: app.asar/dist/electron/), next to the
// preload bundle and one level below the renderer build.
const bundleDir = __dirname;
const rendererDir = resolve(bundleDir, '..', 'renderer');
const preloadPath = join(bundleDir, 'preload.cjs');

app.setName(PRODUCT_NAME);
if (process.platform === 'win32') app.setAppUserModelId('org.casefile.workbench');
const casefileHome = process.env['CASEFILE_HOME'];
if (casefileHome) app.setPath('userData', resolve(casefileHome));
const userData = app.getPath('userData');
const paths = appPaths(userData);

// Every renderer is sandboxed, whatever a window's own options say.
app.enableSandbox();
// `stream`: a case's files (video, the PDF viewer) are read by byte ranges from a streamed response.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);

// One instance per userData folder: a second launch hands its arguments to the first and exits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  let services: AppServices | null = null;

  /** Case files macOS hands us (file association, Dock) before the services exist. */
  const pendingStores: string[] = [];

  hardenEveryWebContents();

  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (services) void offerStore(services, path);
    else pendingStores.push(path);
  });

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const store = storeArgument(argv, app.isPackaged, workingDirectory);
    if (store && services) void offerStore(services, store);
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  app
    .whenReady()
    .then(async () => {
      Menu.setApplicationMenu(applicationMenu());
      hardenSession(session.defaultSession);
      protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir, () => services?.attachments ?? null));

      // The demo case is a convenience for the first start; failing to write it must not stop the app.
      await ensureDemoCase(paths.demoCase).then(
        (outcome) => outcome === 'created' && console.log(`Created the demo case at ${paths.demoCase}.`),
        (error: unknown) => console.error(`Could not create the demo case at ${paths.demoCase}: ${(error as Error)?.message ?? String(error)}`),
      );

      const hostPorts: HostPorts = {
        kind: 'electron',
        allowsTypedPaths: false,
        pickCaseFile: async () => {
          const options: OpenDialogOptions = {
            title: 'Open a case',
            defaultPath: paths.casesDir,
            properties: ['openFile'],
            filters: [{ name: 'Casefile cases', extensions: ['cfcase'] }],
          };
          const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
          return result.canceled ? null : (result.filePaths[0] ?? null);
        },
        chooseNewCasePath: async (suggestedName) => {
          await fsp.mkdir(paths.casesDir, { recursive: true, mode: 0o700 }).catch(() => undefined);
          const options: SaveDialogOptions = {
            title: 'Create a case',
            defaultPath: join(paths.casesDir, suggestedName),
            filters: [{ name: 'Casefile cases', extensions: ['cfcase'] }],
            properties: ['createDirectory', 'showOverwriteConfirmation'],
          };
          const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
          if (result.canceled || !result.filePath) return null;
          return result.filePath.toLowerCase().endsWith('.cfcase') ? result.filePath : `${result.filePath}.cfcase`;
        },
        keychain: createSafeStorageKeychain({ safeStorage, dir: join(userData, 'keychain') }),
        secretSealer: safeStorageSealer(safeStorage),
        printToPdf: electronPrintToPdf,
        pickFile: async (filters) => {
          const options: OpenDialogOptions = { title: 'Import a file', properties: ['openFile'], filters: filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })) };
          const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
          return result.canceled ? null : (result.filePaths[0] ?? null);
        },
        chooseSavePath: async (suggestedName, filters) => {
          const options: SaveDialogOptions = {
            title: 'Save as',
            defaultPath: join(app.getPath('documents'), suggestedName),
            filters: filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })),
            properties: ['createDirectory', 'showOverwriteConfirmation'],
          };
          const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
          return result.canceled || !result.filePath ? null : result.filePath;
        },
      };

      const created = createAppServices({
        paths,
        version: appVersion(),
        host: hostPorts,
        isTrustedSender: ({ origin }) => isTrustedOrigin(origin),
      });
      services = created;

      const store = storeArgument(process.argv, app.isPackaged);
      for (const path of [...pendingStores.splice(0), ...(store ? [store] : [])]) await offerStore(created, path);

      ipcMain.handle(BRIDGE_INVOKE_CHANNEL, async (event, channel: unknown, request: unknown, meta: unknown) => {
        if (typeof channel !== 'string') return err('FORBIDDEN', 'The channel must be a name.');
        const generation = (meta as { caseGeneration?: unknown } | undefined)?.caseGeneration;
        return created.dispatch(channel, request, { origin: originOf(event.senderFrame?.url), ...(Number.isSafeInteger(generation) ? { caseGeneration: generation as number } : {}) });
      });
      created.subscribe((name, payload) => {
        if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(BRIDGE_EVENT_CHANNEL, name, payload);
      });
      installQuitFold(created);

      mainWindow = createMainWindow();
      mainWindow.on('closed', () => {
        mainWindow = null;
      });
    })
    .catch((error: unknown) => {
      dialog.showErrorBox(PRODUCT_NAME, `Casefile Workbench could not start: ${(error as Error)?.message ?? String(error)}`);
      app.exit(1);
    });

  // One window; closing it ends the app on every platform, so the case is folded and released.
  app.on('window-all-closed', () => app.quit());
  process.on('SIGINT', () => app.quit());
  process.on('SIGTERM', () => app.quit());
}

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    title: PRODUCT_NAME,
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Only for Chromium's built-in PDF viewer (a case's PDF shown in the app): the page's CSP
      // still refuses every <object>/<embed> (object-src 'none') and frames of other origins.
      plugins: true,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // A middle click would ask for a new window; the window-open handler denies it, and this stops it at the source.
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** The app-wide rules for the default session: no permissions but clipboard writes by our own pages, no request leaves app://. */
function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((contents, permission, callback) => callback(isAllowedPermission(permission, originOf(contents.getURL()))));
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isAllowedPermission(permission, originOf(requestingOrigin)));
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url) }));
}

/** Applied to every web contents ever created (windows, devtools, anything a page attempts). */
function hardenEveryWebContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => {
      if (!isAppUrl(event.url)) event.preventDefault();
    });
    contents.on('will-frame-navigate', (event) => {
      // A subframe may also become the built-in PDF viewer showing one of our PDFs.
      if (!isAppUrl(event.url) && !(event.frame?.parent && isPdfViewerUrl(event.url))) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isAppUrl(event.url)) event.preventDefault();
    });
    // No new windows and no links handed to the OS: nothing in a case opens anything outside.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

/** Before quitting, fold the journal into the snapshot and release the case (once). */
function installQuitFold(services: AppServices): void {
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    const timeout = new Promise<void>((done) => setTimeout(done, QUIT_FOLD_TIMEOUT_MS).unref());
    const closing = services.cases.close().then((closed) => {
      if (!closed.ok) console.error(closed.error.message);
    });
    void Promise.race([closing, timeout])
      .catch((error: unknown) => console.error(`Closing the case failed: ${(error as Error)?.message ?? String(error)}`))
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  });
}

/** A case named on the command line becomes the unlock dialog's candidate (the most recent case). */
async function offerStore(services: AppServices, store: string): Promise<void> {
  const exists = await fsp.access(store).then(
    () => true,
    () => false,
  );
  if (!exists) {
    console.error(`No case file at ${store}; opening the unlock dialog on the most recent case instead.`);
    return;
  }
  await services.recent.touch(store);
}

/** Roles only: Electron's default menu links to web pages (shell.openExternal), ours has none. */
function applicationMenu(): Menu {
  const dev = !app.isPackaged;
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [{ role: process.platform === 'darwin' ? 'close' : 'quit' }] },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...(dev ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[]) : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
