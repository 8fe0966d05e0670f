import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readCasefile } from '../../src/main/services/exchange/casefile-read';

/**
 * Opens one received file (argv[2]) with the age identity in CHILD_IDENTITY, and prints how it
 * ended and how far the process's peak resident memory grew while reading it, as one JSON line.
 */
const file = new Uint8Array(readFileSync(process.argv[2] ?? ''));
const identity = process.env['CHILD_IDENTITY'] ?? '';
const before = process.resourceUsage().maxRSS;
let outcome: { ok: boolean; code?: string; message?: string };
try {
  await readCasefile(file, { identities: [identity] }, { partners: [] }, basename(process.argv[2] ?? ''));
  outcome = { ok: true };
} catch (error) {
  const e = error as { code?: string; message?: string };
  outcome = { ok: false, ...(e.code ? { code: e.code } : {}), message: e.message ?? String(error) };
}
const growthMb = Math.round((process.resourceUsage().maxRSS - before) / 1024);
process.stdout.write(`${JSON.stringify({ ...outcome, growthMb })}\n`);
