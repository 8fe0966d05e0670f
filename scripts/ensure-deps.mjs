// Installs the npm dependencies when a checkout has none yet, so the README's two commands
// work on a fresh machine. Electron's binary comes from the web: where that download fails
// (no network), install again without it — the browser host runs the same app.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function ensureDependencies() {
  if (existsSync('node_modules/.package-lock.json')) return;
  console.log('Installing dependencies (npm ci)…');
  const first = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit', env: process.env });
  if (first.status === 0) return;
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(first.status ?? 1);
  console.log('\nThe install failed, most likely while downloading the Electron binary. Installing again without it;');
  console.log('the app will start in your browser instead (see README, "No Electron binary").\n');
  const second = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
  if (second.status !== 0) process.exit(second.status ?? 1);
}
