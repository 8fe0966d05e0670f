import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture } from '../fixtures/import/helpers';
import { runCli, startCli, type LiveCli } from '../helpers/run-cli';
import { PASSPHRASE, removeTempDirs, tempDir } from '../helpers/store';

/**
 * The real CLI in a pipe and under Ctrl-C: a reader that stops early ends it quietly, and a
 * signal during an import, export, merge or report leaves the case and the output as they were.
 */

afterAll(removeTempDirs);

const env = { CASEFILE_PASSPHRASE: PASSPHRASE };

async function demoCase(label: string): Promise<{ dir: string; store: string }> {
  const dir = tempDir(label);
  const store = join(dir, 'case.cfcase');
  const created = await runCli(['new', store, '--demo'], env);
  expect(created.code, created.stderr).toBe(0);
  return { dir, store };
}

async function caseState(store: string): Promise<unknown> {
  const stats = await runCli(['stats', store, '--json'], env);
  expect(stats.code, stats.stderr).toBe(0);
  return JSON.parse(stats.stdout);
}

/** An ACLED export of `rows` rows, big enough that reading it takes a while. */
function bigAcled(dir: string, rows: number): string {
  const [header, row] = readFileSync(fixture('acled-current.csv'), 'utf8').split('\n') as [string, string];
  const lines = [header];
  for (let i = 0; i < rows; i++) lines.push(row.replace(/^AFG1001,/, `AFG${900000 + i},`));
  const path = join(dir, 'big-acled.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** Interrupts the CLI once `moment` shows on stderr, and returns how it ended. */
async function interrupt(cli: LiveCli, moment: RegExp, signal: NodeJS.Signals = 'SIGINT'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  await cli.waitForStderr(moment);
  cli.child.kill(signal);
  return cli.ended;
}

function expectQuietInterruption(cli: LiveCli): void {
  expect(cli.stderr()).toMatch(/interrupted/i);
  // No stack trace, no unhandled error.
  expect(cli.stderr()).not.toMatch(/\n\s+at |Unhandled|unexpected failure/);
}

describe('casefile in a pipe', () => {
  it('`dump | head` ends quietly, with the status of a closed pipe (141), and no EPIPE trace', async () => {
    const { dir, store } = await demoCase('cli-pipe');
    const whole = await runCli(['dump', store, '--json'], env);
    expect(whole.stdout.length).toBeGreaterThan(128 * 1024); // more than a pipe holds, so the write meets the closed pipe
    const errors = join(dir, 'stderr.txt');
    const piped = spawnSync('bash', ['-c', 'node --import tsx src/main/hosts/cli.ts dump "$1" --json 2>"$2" | head -c 100 >/dev/null; echo "${PIPESTATUS[0]}"', 'bash', store, errors], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    expect(piped.stdout.trim()).toBe('141');
    const stderr = readFileSync(errors, 'utf8');
    expect(stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
  }, 300_000);
});

describe('casefile on Ctrl-C', () => {
  it('an import interrupted while it reads is not committed, the lock is released, exit 130', async () => {
    const { dir, store } = await demoCase('cli-sigint-import');
    const before = await caseState(store);
    const cli = startCli(['import', store, bigAcled(dir, 40_000)], env);
    const ended = await interrupt(cli, /reading: \d+%/);
    expect(ended, cli.stderr()).toEqual({ code: 130, signal: null });
    expectQuietInterruption(cli);
    expect(cli.stderr()).toMatch(/not imported|nothing was changed/i);
    expect(existsSync(`${store}.lock`)).toBe(false);
    expect(await caseState(store)).toEqual(before);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 300_000);

  it('an export interrupted while it encrypts (SIGTERM) writes nothing, leaves an older file as it was, exit 143', async () => {
    const { dir, store } = await demoCase('cli-sigterm-export');
    const before = await caseState(store);
    const outDir = join(dir, 'out');
    mkdirSync(outDir);
    const out = join(outDir, 'share.casefile');
    writeFileSync(out, 'the file from last week');
    const passphraseFile = join(dir, 'exchange-passphrase.txt');
    writeFileSync(passphraseFile, 'a long exchange passphrase for the partner desk\n');
    const cli = startCli(['export', store, '--format', 'casefile', '--out', out, '--passphrase-file', passphraseFile], env);
    const ended = await interrupt(cli, /exporting/i, 'SIGTERM');
    expect(ended, cli.stderr()).toEqual({ code: 143, signal: null });
    expectQuietInterruption(cli);
    expect(readdirSync(outDir)).toEqual(['share.casefile']);
    expect(readFileSync(out, 'utf8')).toBe('the file from last week');
    expect(existsSync(`${store}.lock`)).toBe(false);
    expect(await caseState(store)).toEqual(before);
  }, 300_000);

  it('a merge interrupted while it verifies the file changes nothing, exit 130', async () => {
    const { dir, store: from } = await demoCase('cli-sigint-merge');
    const into = join(dir, 'ours.cfcase');
    expect((await runCli(['new', into, '--name', 'Ours'], env)).code).toBe(0);
    const passphraseFile = join(dir, 'exchange-passphrase.txt');
    writeFileSync(passphraseFile, 'a long exchange passphrase for the partner desk\n');
    const file = join(dir, 'theirs.casefile');
    const exported = await runCli(['export', from, '--format', 'casefile', '--out', file, '--passphrase-file', passphraseFile], env);
    expect(exported.code, exported.stderr).toBe(0);
    const before = await caseState(into);
    const cli = startCli(['merge', into, file, '--passphrase-file', passphraseFile], env);
    const ended = await interrupt(cli, /verifying/i);
    expect(ended, cli.stderr()).toEqual({ code: 130, signal: null });
    expectQuietInterruption(cli);
    expect(existsSync(`${into}.lock`)).toBe(false);
    expect(await caseState(into)).toEqual(before);
  }, 300_000);

  it('a report interrupted while it renders leaves no file behind, exit 130', async () => {
    const { dir, store } = await demoCase('cli-sigint-report');
    const outDir = join(dir, 'out');
    mkdirSync(outDir);
    const cli = startCli(['report', store, '--format', 'pdf', '--out', join(outDir, 'report.pdf')], env);
    const ended = await interrupt(cli, /rendering/i);
    expect(ended, cli.stderr()).toEqual({ code: 130, signal: null });
    expectQuietInterruption(cli);
    expect(readdirSync(outDir)).toEqual([]);
  }, 300_000);
});
