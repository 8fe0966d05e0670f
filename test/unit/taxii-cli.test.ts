import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { CaseService } from '../../src/main/services/case-service';
import { TaxiiSyncStore } from '../../src/main/services/taxii/sync-store';
import { emptyCase, type CaseDocument } from '../../src/shared/domain/case';
import { runCli } from '../helpers/run-cli';
import { PASSPHRASE, removeTempDirs, tempDir } from '../helpers/store';
import { RO_COLLECTION, RW_COLLECTION, startTaxiiServer, taxiiServerMissing, type RunningTaxiiServer } from '../helpers/taxii-server';

const missing = taxiiServerMissing();
if (missing) console.warn(missing);

let server: RunningTaxiiServer;

async function makeCase(path: string, doc: CaseDocument): Promise<string> {
  const cases = new CaseService({ user: 'test', foldAfterIdleMs: 2 ** 31 - 1 });
  const created = await cases.create(path, PASSPHRASE, doc);
  if (!created.ok) throw new Error(created.error.message);
  await cases.close();
  return path;
}

describe.skipIf(missing !== null)('casefile taxii collections | push | pull', () => {
  beforeAll(async () => {
    server = await startTaxiiServer();
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
    removeTempDirs();
  });

  it('lists collections, pushes the demo case at TLP:GREEN, pulls it into a fresh case (dry run first), and never prints a secret', async () => {
    const dir = tempDir('taxii-cli');
    const env = { CASEFILE_PASSPHRASE: PASSPHRASE };
    const password = join(dir, 'password');
    writeFileSync(password, 'analyst-pass\n');
    const wrong = join(dir, 'wrong');
    writeFileSync(wrong, 'wrong-secret-value\n');
    const auth = ['--server', server.url, '--user', 'analyst', '--password-file', password];

    const listed = await runCli(['taxii', 'collections', ...auth, '--json']);
    expect(listed.code).toBe(0);
    const listing = JSON.parse(listed.stdout) as { apiRoots: Array<{ maxContentLength: number; collections: Array<{ id: string; canWrite: boolean }> }> };
    expect(listing.apiRoots[0]?.maxContentLength).toBe(10485760);
    expect(listing.apiRoots[0]?.collections).toEqual(expect.arrayContaining([expect.objectContaining({ id: RW_COLLECTION, canWrite: true }), expect.objectContaining({ id: RO_COLLECTION, canWrite: false })]));

    const denied = await runCli(['taxii', 'collections', '--server', server.url, '--user', 'analyst', '--password-file', wrong]);
    expect(denied.code).toBe(7);
    expect(denied.stderr).toMatch(/refused the credentials \(401\).*Check the user name and password/);
    expect(denied.stderr + denied.stdout).not.toContain('wrong-secret-value');

    // The cases are made in-process: each CLI run costs a process start.
    const a = await makeCase(join(dir, 'a.cfcase'), buildDemoCase('2025-06-01T00:00:00.000Z'));
    const b = await makeCase(join(dir, 'b.cfcase'), emptyCase('case--team-b', 'Team B', '2026-01-01T00:00:00.000Z'));
    const pushed = await runCli(['taxii', 'push', a, ...auth, '--collection', RW_COLLECTION, '--max-marking', 'TLP:GREEN', '--json'], env);
    expect(pushed.code, pushed.stderr).toBe(0);
    const report = JSON.parse(pushed.stdout) as { sent: number; skipped: number; failed: unknown[]; leftOut: Array<{ reason: string }> };
    expect(report.sent).toBeGreaterThan(100);
    expect(report.failed).toEqual([]);
    expect(report.leftOut.some((l) => /marked TLP:AMBER, above TLP:GREEN/.test(l.reason))).toBe(true);
    const again = await runCli(['taxii', 'push', a, ...auth, '--collection', RW_COLLECTION, '--max-marking', 'TLP:GREEN'], env);
    expect(again.stdout).toMatch(/^Sent 0, skipped \d+ \(already on the server\), failed 0/);

    const dry = await runCli(['taxii', 'pull', b, ...auth, '--collection', RW_COLLECTION, '--dry-run', '--json'], env);
    expect(dry.code, dry.stderr).toBe(0);
    const planned = JSON.parse(dry.stdout) as { added: unknown[]; outcome: { seq: number | null } };
    expect(planned.added.length).toBeGreaterThan(100);
    expect(planned.outcome.seq).toBeNull();
    const pulled = await runCli(['taxii', 'pull', b, ...auth, '--collection', RW_COLLECTION, '--limit', '50'], env);
    expect(pulled.code, pulled.stderr).toBe(0);
    // The dry run did not move the cursor: the real pull adds everything the dry run saw.
    expect(pulled.stdout).toContain(`${planned.added.length} new, 0 changed, 0 conflict(s)`);
    expect(pulled.stdout).toMatch(/Merged as one step \(#\d+\)/);

    // The password is nowhere in the case, and its sealed file does not hold it in the clear.
    for (const file of [a, b, TaxiiSyncStore.pathFor(b)]) expect(readFileSync(file).includes('analyst-pass')).toBe(false);
    for (const run of [listed, pushed, again, dry, pulled]) expect(run.stdout + run.stderr).not.toContain('analyst-pass');
  }, 600_000);
});
