import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary, PROJECT_ROOT, SKIP_MESSAGE } from './electron-binary';

/** Builds the renderer and the Electron bundles when stale — only when there is an Electron to run them. */
export default function globalSetup(): void {
  if (!electronBinary) {
    console.log(`Electron end-to-end tests: every test is skipped. ${SKIP_MESSAGE}`);
    return;
  }
  const built = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts/ensure-built.mjs')], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('Building the app for the Electron tests failed (see above).');
}
