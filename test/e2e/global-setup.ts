import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Newest modification time under `dir` (files only), 0 when it does not exist. */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * Builds the renderer when dist/renderer is missing or older than its sources (src/renderer,
 * src/shared, which the renderer imports, and the Vite config). A build takes about 2 s; skipping
 * it when fresh also avoids emptying dist/renderer under a host someone else is running.
 */
export default function globalSetup(): void {
  const index = join(root, 'dist/renderer/index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(newest(join(root, 'src/renderer')), newest(join(root, 'src/shared')), statSync(join(root, 'vite.config.ts')).mtimeMs);
  if (built > sources && process.env['CASEFILE_E2E_REBUILD'] !== '1') return;
  const started = Date.now();
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  console.log(`Built the renderer in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
