import { basename } from 'node:path';
import { readCasefile } from '../../src/main/services/exchange/casefile-read';
import { planImport, prepareImport, previewOf } from '../../src/main/services/import/prepare';
import { emptyCase } from '../../src/shared/domain/case';
import type { ImportFormat } from '../../src/shared/import/types';

/**
 * Reads one hostile file (argv[3]) the way the app does, and prints how it ended, how long it took
 * and the process's peak resident memory, as one JSON line. argv[2] is `import` (the import
 * preview: read, map and plan against an empty case; argv[4] may force a format) or `casefile`
 * (a received case file read from disk, opened with the age identity in CHILD_IDENTITY or the
 * passphrase in CHILD_PASSPHRASE). Run with --max-old-space-size=1024: the budget is 1 GB.
 */
const [mode, path = '', format] = process.argv.slice(2);
const started = Date.now();
let outcome: { ok: boolean; code?: string; message?: string };
try {
  if (mode === 'import') {
    const prepared = await prepareImport(path, undefined, format ? { format: format as ImportFormat } : {}, 'TLP:AMBER');
    previewOf('child', prepared, planImport(prepared, emptyCase('case--hostile', 'Hostile', new Date().toISOString()), false));
  } else {
    const identity = process.env['CHILD_IDENTITY'];
    const passphrase = process.env['CHILD_PASSPHRASE'];
    await readCasefile(path, { identities: identity ? [identity] : [], ...(passphrase ? { passphrase } : {}) }, { partners: [] }, { name: basename(path) });
  }
  outcome = { ok: true };
} catch (error) {
  const e = error as { code?: string; message?: string };
  outcome = { ok: false, ...(e.code ? { code: e.code } : {}), message: e.message ?? String(error) };
}
process.stdout.write(`${JSON.stringify({ ...outcome, ms: Date.now() - started, peakMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
