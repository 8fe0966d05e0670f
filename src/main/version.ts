import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The app version from package.json, read once; bundlers inline it through CASEFILE_VERSION. */
export function appVersion(): string {
  if (process.env['CASEFILE_VERSION']) return process.env['CASEFILE_VERSION'];
  try {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
