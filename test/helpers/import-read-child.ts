import { prepareImport } from '../../src/main/services/import/prepare';

/**
 * Reads one file to import (argv[2]) as the import wizard and the CLI do, and prints how it ended
 * as one JSON line. Run with a small --max-old-space-size to prove a crafted file cannot exhaust memory.
 */
let outcome: { ok: boolean; code?: string; message?: string };
try {
  await prepareImport(process.argv[2] ?? '', undefined, {}, 'TLP:AMBER');
  outcome = { ok: true };
} catch (error) {
  const e = error as { code?: string; message?: string };
  outcome = { ok: false, ...(e.code ? { code: e.code } : {}), message: e.message ?? String(error) };
}
process.stdout.write(`${JSON.stringify(outcome)}\n`);
