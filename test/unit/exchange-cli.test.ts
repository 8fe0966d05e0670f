import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { PASSPHRASE, removeTempDirs, tempDir } from '../helpers/store';

afterAll(removeTempDirs);

describe('casefile keys name', () => {
  it('names the exchange identity that held the OS user name; the public key carries the chosen name', async () => {
    const dir = tempDir('cli-keys-name');
    const env = { CASEFILE_PASSPHRASE: PASSPHRASE };
    const store = join(dir, 'desk.cfcase');
    expect((await runCli(['new', store, '--name', 'Desk'], env)).code).toBe(0);
    expect((await runCli(['keys', 'list', store], env)).stdout).toContain('your OS user name; choose one');
    expect((await runCli(['keys', 'name', store, 'Team B, Nairobi desk'], env)).stdout).toContain('now named “Team B, Nairobi desk”');
    const listed = await runCli(['keys', 'list', store, '--json'], env);
    expect(JSON.parse(listed.stdout).self).toMatchObject({ name: 'Team B, Nairobi desk', nameChosen: true });
    expect(JSON.parse(listed.stdout).self.text).toContain('name: Team B, Nairobi desk');
  }, 180_000); // four runs of the CLI from source
});

describe('casefile export | verify | merge | keys', () => {
  it('exchanges a case between two stores, with keys, verification, a dry run and a merge', async () => {
    const dir = tempDir('cli-exchange');
    const env = { CASEFILE_PASSPHRASE: PASSPHRASE };
    const a = join(dir, 'a.cfcase');
    const b = join(dir, 'b.cfcase');
    expect((await runCli(['new', a, '--demo'], env)).code).toBe(0);
    expect((await runCli(['new', b, '--name', 'Team B'], env)).code).toBe(0);

    const bKey = join(dir, 'b.pub');
    expect((await runCli(['keys', 'export', b, '--out', bKey], env)).code).toBe(0);
    const bRecipient = /^age: (age1\w+)$/m.exec(readFileSync(bKey, 'utf8'))?.[1] ?? '';
    const imported = await runCli(['keys', 'import', a, bKey, '--name', 'Team B'], env);
    expect(imported.stdout).toContain('Imported “Team B”');

    const file = join(dir, 'a-to-b.casefile');
    const exported = await runCli(['export', a, '--format', 'casefile', '--out', file, '--recipient', bRecipient, '--max-marking', 'TLP:GREEN', '--json'], env);
    expect(exported.code).toBe(0);
    const summary = JSON.parse(exported.stdout) as { counts: { events: number }; leftOut: unknown[] };
    expect(summary.counts.events).toBeGreaterThan(0);

    // Verify with an age-keygen identity that is not ours: refused with the wrong-key exit code.
    const stranger = join(dir, 'stranger.txt');
    execFileSync('age-keygen', ['-o', stranger], { stdio: 'pipe' });
    expect((await runCli(['verify', file, '--identity', stranger])).code).toBe(3);

    const verified = await runCli(['verify', file, '--store', b, '--json'], env);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ valid: true, signer: { trust: 'unknown' }, sequence: 1 });

    const dry = await runCli(['merge', b, file, '--dry-run', '--json'], env);
    const plan = JSON.parse(dry.stdout) as { added: unknown[]; outcome: { seq: number | null; counts: unknown; skipped: unknown[] } };
    expect(plan.added.length).toBeGreaterThan(summary.counts.events);
    // The dry run goes through the merge's own steps: it says what the merge will write.
    expect(plan.outcome).toMatchObject({ seq: null, counts: { added: plan.added.length } });

    const merged = await runCli(['merge', b, file, '--json'], env);
    expect(merged.code).toBe(0);
    // The dry run changed nothing: the real merge still finds every record new, and does what the dry run said.
    expect(JSON.parse(merged.stdout)).toMatchObject({ added: plan.added, outcome: { counts: plan.outcome.counts, skipped: plan.outcome.skipped } });

    // A tampered copy is refused with the altered-file exit code.
    const bytes = readFileSync(file);
    bytes[bytes.length - 40] = bytes[bytes.length - 40]! ^ 0xff;
    writeFileSync(join(dir, 'bad.casefile'), bytes);
    expect((await runCli(['merge', b, join(dir, 'bad.casefile')], env)).code).toBe(4);

    const stix = join(dir, 'a.stix.json');
    expect((await runCli(['export', a, '--format', 'stix', '--out', stix], env)).code).toBe(0);
    expect(JSON.parse(readFileSync(stix, 'utf8'))).toMatchObject({ type: 'bundle' });
  }, 90_000);
});
