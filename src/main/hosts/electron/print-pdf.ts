import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, session } from 'electron';

/**
 * Electron's printToPDF for report pages: a hidden window in its own in-memory session with
 * JavaScript off, loading the self-contained page from a temporary file; every request that is
 * not that file is cancelled.
 */
export async function electronPrintToPdf(html: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'casefile-print-'));
  const page = join(dir, 'report.html');
  await writeFile(page, html, 'utf8');
  const url = pathToFileURL(page).href;
  const printSession = session.fromPartition('casefile-print');
  printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: details.url !== url }));
  const win = new BrowserWindow({
    show: false,
    webPreferences: { session: printSession, javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' },
  });
  try {
    await win.loadURL(url);
    // The page's own @page rule sets A4, the margins and the marking in every page's margin boxes.
    return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    win.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
