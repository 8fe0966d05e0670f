import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StoreError } from '../../store/store-error';

/** Turns a self-contained HTML page into PDF bytes (Electron's printToPDF, or headless Chromium). */
export type PdfPrinter = (html: string) => Promise<Buffer>;

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

/** The Chromium used outside Electron: CASEFILE_CHROMIUM, else the usual install paths. */
export function findChromium(): string | null {
  const named = process.env['CASEFILE_CHROMIUM'];
  if (named) return existsSync(named) ? named : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/**
 * Prints with the system Chromium in headless mode. The page is a local file with its own CSP
 * (no outside requests); the profile is a fresh temporary folder, removed afterwards.
 */
export const chromiumPrinter: PdfPrinter = async (html) => {
  const chromium = findChromium();
  if (!chromium) throw new StoreError('UNAVAILABLE', 'No Chromium found to print the PDF. Install Chromium (Debian: apt-get install -y chromium) or set CASEFILE_CHROMIUM to its path; or write HTML and print it from a browser.');
  const dir = await mkdtemp(join(tmpdir(), 'casefile-pdf-'));
  try {
    const page = join(dir, 'report.html');
    const out = join(dir, 'report.pdf');
    await writeFile(page, html, 'utf8');
    const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-extensions', '--no-first-run', '--no-pdf-header-footer', `--user-data-dir=${join(dir, 'profile')}`, `--print-to-pdf=${out}`, pathToFileURL(page).href];
    await new Promise<void>((resolve, reject) => {
      execFile(chromium, args, { timeout: 120_000 }, (error, _stdout, stderr) => {
        if (error) reject(new StoreError('IO', `Chromium could not print the PDF (${error.message.split('\n')[0]}). ${stderr.split('\n').slice(-3).join(' ')}`));
        else resolve();
      });
    });
    if (!existsSync(out)) throw new StoreError('IO', 'Chromium ran but wrote no PDF. Try writing HTML and printing it from a browser.');
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
