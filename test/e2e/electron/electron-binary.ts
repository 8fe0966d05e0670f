import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const MAIN_BUNDLE = join(PROJECT_ROOT, 'dist/electron/main.cjs');

export const SKIP_MESSAGE =
  'Electron binary not installed (install scripts skipped / no network); the browser-host suite covers the same renderer and services.';

/**
 * The Electron executable from node_modules/electron, or null. Checks the file before calling
 * require('electron'), whose index.js would otherwise try to download a missing binary.
 * (scripts/start.mjs does the same for `npm start`.)
 */
export function findElectronBinary(): string | null {
  const dir = join(PROJECT_ROOT, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (!executable && !override) return null;
  const expected = override ? join(override, executable || 'electron') : join(dir, 'dist', executable as string);
  if (!existsSync(expected)) return null;
  try {
    const binary: unknown = createRequire(import.meta.url)(dir);
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

export const electronBinary = findElectronBinary();
