import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/shared/ipc/errors';
import { runCli } from '../helpers/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'cf-evidence-cli-'));
const casePath = join(dir, 'case.cfcase');
const pass = { CASEFILE_PASSPHRASE: 'evidence folder passphrase 42' };
// Several blob chunks, with a marker that must never appear in plaintext on disk.
const marker = Buffer.from('PLAINTEXT-MARKER-kaluga-raid-video');
const evidence = Buffer.concat([marker, randomBytes(5 * 1024 * 1024 + 123), marker]);
const evidencePath = join(dir, 'raid video.mp4');
const sha = createHash('sha256').update(evidence).digest('hex');
let sourceIds: string[] = [];

interface Listing {
  count: number;
  totalBytes: number;
  attachments: { sha256: string; name: string; size: number; mediaType: string; present: boolean; sources: { id: string }[] }[];
}

async function listing(): Promise<Listing> {
  const run = await runCli(['attachments', casePath, '--json'], pass);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Listing;
}

describe('casefile attach / attachments / extract', () => {
  beforeAll(async () => {
    writeFileSync(evidencePath, evidence);
    expect((await runCli(['new', casePath, '--demo'], pass)).code).toBe(0);
    const dump = await runCli(['dump', casePath, '--json'], pass);
    sourceIds = (JSON.parse(dump.stdout) as { sources: { id: string; attachment?: unknown }[] }).sources.filter((s) => !s.attachment).map((s) => s.id);
    expect(sourceIds.length).toBeGreaterThan(1);
  }, 120_000);

  it('attaches a file to a source, prints its SHA-256, and lists it with its size and source', async () => {
    const before = await listing();
    const run = await runCli(['attach', casePath, '--source', sourceIds[0] as string, evidencePath], pass);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split(/\s+/)[0]).toBe(sha);
    const after = await listing();
    expect(after.count).toBe(before.count + 1);
    const listed = after.attachments.find((a) => a.sha256 === sha);
    expect(listed).toMatchObject({ name: 'raid video.mp4', size: evidence.length, mediaType: 'video/mp4', present: true });
    expect(listed?.sources.map((s) => s.id)).toEqual([sourceIds[0]]);
    // The bytes are encrypted: neither the case nor its blob folder holds the plaintext.
    expect(readFileSync(casePath).includes(marker)).toBe(false);
    for (const name of readdirSync(`${casePath}.blobs`)) expect(readFileSync(join(`${casePath}.blobs`, name)).includes(marker)).toBe(false);
  }, 120_000);

  it('keeps the same bytes once, whichever source they are attached to', async () => {
    const blobsBefore = readdirSync(`${casePath}.blobs`).length;
    const run = await runCli(['attach', casePath, '--source', sourceIds[1] as string, evidencePath, '--json'], pass);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ sha256: sha, sourceId: sourceIds[1], size: evidence.length });
    expect(readdirSync(`${casePath}.blobs`).length).toBe(blobsBefore);
    const listed = (await listing()).attachments.filter((a) => a.sha256 === sha);
    expect(listed).toHaveLength(1);
    expect(listed[0]?.sources.map((s) => s.id).sort()).toEqual([sourceIds[0], sourceIds[1]].sort());
  }, 120_000);

  it('extracts a file byte for byte, by its SHA-256 or a unique prefix, and never over an existing file', async () => {
    const out = join(dir, 'out.mp4');
    const run = await runCli(['extract', casePath, sha, '--out', out], pass);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(out).equals(evidence)).toBe(true);

    const byPrefix = join(dir, 'out2.mp4');
    expect((await runCli(['extract', casePath, sha.slice(0, 10), '--out', byPrefix], pass)).code).toBe(0);
    expect(createHash('sha256').update(readFileSync(byPrefix)).digest('hex')).toBe(sha);

    writeFileSync(out, 'analyst notes');
    const again = await runCli(['extract', casePath, sha, '--out', out], pass);
    expect(again.code).toBe(EXIT_CODES.ALREADY_EXISTS);
    expect(readFileSync(out, 'utf8')).toBe('analyst notes');
  }, 120_000);

  it('refuses a missing source, a missing file and an unknown SHA-256 with clear errors, attaching nothing', async () => {
    const before = await listing();
    const noSource = await runCli(['attach', casePath, '--source', 'source--00000000-0000-4000-8000-000000000000', evidencePath], pass);
    expect(noSource.code).toBe(EXIT_CODES.NOT_FOUND);
    expect(noSource.stderr).toMatch(/no source with id/);
    const noFile = await runCli(['attach', casePath, '--source', sourceIds[0] as string, join(dir, 'nope.pdf')], pass);
    expect(noFile.code).toBe(EXIT_CODES.NOT_FOUND);
    expect(noFile.stderr).toMatch(/nope\.pdf is not a file/);
    const unknown = await runCli(['extract', casePath, 'ab'.repeat(32), '--out', join(dir, 'x')], pass);
    expect(unknown.code).toBe(EXIT_CODES.NOT_FOUND);
    expect(unknown.stderr).toMatch(/no file with SHA-256/);
    const usage = await runCli(['attach', casePath, evidencePath], pass);
    expect(usage.code).toBe(EXIT_CODES.VALIDATION);
    expect(usage.stderr).toMatch(/--source ID/);
    expect((await listing()).count).toBe(before.count);
  }, 120_000);
});
