/**
 * TAXII 2.1 against the provided medallion server (issue 16): push the demo case (about 400 STIX
 * objects at TLP:GREEN), push it again unchanged, and pull it into a fresh case (pages + decode +
 * merge plan + one merge commit).
 *
 * Targets: taxii_push_demo_ms < 5000, taxii_pull_demo_ms < 5000, taxii_repush_sent = 0.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemoCase } from '../src/main/demo/isk-case';
import { CaseService } from '../src/main/services/case-service';
import { TaxiiService } from '../src/main/services/taxii/taxii-service';
import { emptyCase } from '../src/shared/domain/case';
import { resolutionsFor } from '../src/shared/exchange';
import type { BenchContext } from './run';

const SERVER = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'shared', 'tools', 'taxii-server', 'run.sh');
const COLLECTION = '06019d9b-2cb0-40de-89c4-33c7eec76e7a';
const AUTH = { kind: 'basic', user: 'analyst', password: 'analyst-pass' } as const;

export default async function taxiiBench({ dir, log }: BenchContext): Promise<Record<string, number>> {
  if (!existsSync(SERVER) || !existsSync('/usr/bin/python3')) {
    log(`TAXII bench skipped: ${SERVER} or /usr/bin/python3 is missing`);
    return {};
  }
  const child = spawn(SERVER, ['0', '--quiet'], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const url = await new Promise<string>((ready, fail) => {
      let out = '';
      child.on('exit', (code) => fail(new Error(`the TAXII server exited (${code}); install its Debian packages`)));
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /READY (\S+)/.exec(out);
        if (m) ready(m[1] as string);
      });
    });
    child.removeAllListeners('exit');
    const endpoint = { discoveryUrl: url, auth: AUTH };
    const a = new CaseService({ user: 'bench', foldAfterIdleMs: 2 ** 31 - 1 });
    const madeA = await a.create(join(dir, 'a.cfcase'), 'bench passphrase, not a secret', buildDemoCase('2025-06-01T00:00:00.000Z'));
    if (!madeA.ok) throw new Error(madeA.error.message);
    const b = new CaseService({ user: 'bench', foldAfterIdleMs: 2 ** 31 - 1 });
    const madeB = await b.create(join(dir, 'b.cfcase'), 'bench passphrase, not a secret', emptyCase('case--bench-b', 'B', '2026-01-01T00:00:00.000Z'));
    if (!madeB.ok) throw new Error(madeB.error.message);
    const ta = new TaxiiService(a);
    const tb = new TaxiiService(b);

    let started = performance.now();
    const pushed = await ta.push(endpoint, COLLECTION, { maxMarking: 'TLP:GREEN' });
    const pushMs = performance.now() - started;
    if (!pushed.ok) throw new Error(pushed.error.message);
    log(`push: ${pushMs.toFixed(0)} ms, ${pushed.value.sent} sent, ${pushed.value.leftOut.length} left out`);
    const again = await ta.push(endpoint, COLLECTION, { maxMarking: 'TLP:GREEN' });
    if (!again.ok) throw new Error(again.error.message);
    log(`re-push: ${again.value.sent} sent, ${again.value.skipped} skipped`);

    started = performance.now();
    const review = await tb.pull(endpoint, COLLECTION);
    if (!review.ok) throw new Error(review.error.message);
    const merged = await tb.applyPull(review.value, resolutionsFor(review.value.plan, 'ours'));
    const pullMs = performance.now() - started;
    log(`pull + merge: ${pullMs.toFixed(0)} ms, ${review.value.received} objects in ${review.value.pages} pages; ${JSON.stringify(merged.counts)}`);
    await a.close();
    await b.close();
    return { taxii_push_demo_ms: Math.round(pushMs), taxii_pull_demo_ms: Math.round(pullMs), taxii_repush_sent: again.value.sent };
  } finally {
    child.kill('SIGTERM');
  }
}
