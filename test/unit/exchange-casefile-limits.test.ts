import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageEncrypt } from '../../src/main/services/exchange/age';
import { readCasefile } from '../../src/main/services/exchange/casefile-read';
import { sha256Hex } from '../../src/main/services/exchange/hashing';
import { newIdentity, signBytes, type OwnIdentity } from '../../src/main/services/exchange/identity';
import { CURRENT_SCHEMA_VERSION } from '../../src/shared/domain/case';
import { CASEFILE_FORMAT_VERSION, type Manifest } from '../../src/shared/exchange';
import { expectStoreError, removeTempDirs, tempDir } from '../helpers/store';
import { craftZip, type LocalEntry } from '../helpers/zip-craft';

/**
 * Hostile `.casefile`s that are small on disk but would unpack to far more: each is read in a
 * child process that reports how far its peak memory grew. Reading must refuse them with a clear
 * error before inflating what they hold.
 */
afterAll(removeTempDirs);

const CHILD = fileURLToPath(new URL('../helpers/casefile-read-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MIB = 1024 * 1024;
/** Reading them refused grows memory by under 10 MB; inflating them, by 100 MB and more. */
const GROWTH_LIMIT_MB = 40;

interface ChildOutcome {
  ok: boolean;
  code?: string;
  message?: string;
  growthMb: number;
}

let victim: OwnIdentity;
let author: OwnIdentity;
let dir: string;
/** 64 MiB of zeros as raw deflate: about 64 KB. */
let zeros64: Uint8Array;

beforeAll(async () => {
  victim = await newIdentity('victim');
  author = await newIdentity('author');
  dir = tempDir('casefile-limits');
  zeros64 = new Uint8Array(deflateRawSync(Buffer.alloc(64 * MIB)));
});

function readInChild(bytes: Uint8Array, name: string, nodeFlags: string[] = []): Promise<ChildOutcome> {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', CHILD, path], { cwd: ROOT, env: { ...process.env, CHILD_IDENTITY: victim.ageIdentity }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) return resolve({ ok: false, code: `EXIT ${code}`, message: stderr.slice(-500), growthMb: Number.POSITIVE_INFINITY });
      resolve(JSON.parse(line) as ChildOutcome);
    });
  });
}

/** manifest.json and signature.json, signed by `author`, listing `parts` as stored in the zip. */
function signedHead(parts: Record<string, Uint8Array>, counts: Manifest['counts'] = { events: 0, actors: 0, relationships: 0, sources: 0, series: 0 }): LocalEntry[] {
  const manifest: Manifest = {
    format: 'casefile',
    formatVersion: CASEFILE_FORMAT_VERSION,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    author: { name: author.name, signingKey: author.signingKey, ageRecipient: author.ageRecipient },
    createdAt: '2025-01-01T00:00:00.000Z',
    sequence: 1,
    case: { id: 'case--11111111-1111-4111-8111-111111111111', name: 'Crafted' },
    scope: { maxMarking: 'TLP:AMBER', selection: 'whole-case' },
    counts,
    parts: Object.entries(parts).map(([path, bytes]) => ({ path, size: bytes.length, sha256: sha256Hex(bytes) })),
  };
  const manifestBytes = new Uint8Array(Buffer.from(JSON.stringify(manifest)));
  const signature = new Uint8Array(Buffer.from(JSON.stringify({ algorithm: 'ed25519', signingKey: author.signingKey, signature: signBytes(author, manifestBytes) })));
  return [stored('manifest.json', manifestBytes), stored('signature.json', signature)];
}

function stored(name: string, data: Uint8Array): LocalEntry {
  return { name, data, method: 0, size: data.length };
}

function emptyCaseJson(): Uint8Array {
  return new Uint8Array(gzipSync(JSON.stringify({ records: { events: [], actors: [], relationships: [], sources: [], series: [] }, versions: {}, tombstones: [] })));
}

/** A gzip whose trailer states `size` as the unpacked length (the last four bytes, little-endian). */
function withStatedSize(gz: Uint8Array, size: number): Uint8Array {
  const copy = Buffer.from(gz);
  copy.writeUInt32LE(size, copy.length - 4);
  return new Uint8Array(copy);
}

/** Signed case data `{"records":{"events":[<inner>],…}}`, gzipped fast, in a file encrypted to the victim. */
async function craftedCaseData(inner: string, counts?: Manifest['counts']): Promise<Uint8Array> {
  const json = Buffer.from(`{"records":{"events":[${inner}],"actors":[],"relationships":[],"sources":[],"series":[]},"versions":{},"tombstones":[]}`);
  const gz = new Uint8Array(gzipSync(json, { level: 1 }));
  return ageEncrypt(craftZip([...signedHead({ 'case.json.gz': gz }, counts), stored('case.json.gz', gz)]), { recipients: [victim.ageRecipient] });
}

describe('case data that is small but costly to parse', () => {
  it('refuses, before parsing, 48 MB of `[0],` that would take more heap than the process has, and the process lives', async () => {
    // Twelve million one-element arrays: about 1 GB of heap once parsed, in a file of a few hundred KB.
    // The manifest claims enough records that the count alone does not give it away.
    const file = await craftedCaseData(`[${'[0],'.repeat(12_000_000)}[0]]`, { events: 20_000, actors: 0, relationships: 0, sources: 0, series: 0 });
    expect(file.length).toBeLessThan(1024 * 1024);
    const started = Date.now();
    const outcome = await readInChild(file, 'arrays.casefile', ['--max-old-space-size=512']);
    expect(outcome).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(outcome.message).toMatch(/The case data in arrays\.casefile would take about .* of memory to read/);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it('refuses case data with far more lists than the records its signed manifest counts could need', async () => {
    const file = await craftedCaseData(`[${'[0],'.repeat(1_500_000)}[0]]`);
    const error = await expectStoreError(readCasefile(file, { identities: [victim.ageIdentity] }, { partners: [] }, 'lists.casefile'), 'VALIDATION');
    expect(error.message).toMatch(/The case data in lists\.casefile holds 1,500,0\d\d lists and objects, far more than the records it says it holds could need/);
  });

  it('refuses case data nested deeper than records ever are', async () => {
    const file = await craftedCaseData(`${'['.repeat(100)}${']'.repeat(100)}`);
    const error = await expectStoreError(readCasefile(file, { identities: [victim.ageIdentity] }, { partners: [] }, 'deep.casefile'), 'VALIDATION');
    expect(error.message).toMatch(/deep\.casefile nests 103 levels deep/);
  });
});

describe('reading a hostile .casefile', () => {
  it('refuses a tiny file whose zip directory repeats one 64 MiB entry, without a manifest, before inflating anything', async () => {
    const zip = craftZip([{ name: 'case.json.gz', data: zeros64, method: 8, size: 64 * MIB }], Array.from({ length: 8 }, () => ({ local: 0 })));
    const file = await ageEncrypt(zip, { recipients: [victim.ageRecipient] });
    expect(file.length).toBeLessThan(100 * 1024);
    const outcome = await readInChild(file, 'repeated.casefile');
    expect(outcome).toMatchObject({ ok: false, code: 'CORRUPT_STORE' });
    expect(outcome.message).toMatch(/damaged or was altered/);
    expect(outcome.growthMb).toBeLessThan(GROWTH_LIMIT_MB);
  }, 60_000);

  it('refuses entries the signed manifest does not list before inflating them', async () => {
    const caseJson = emptyCaseJson();
    const head = signedHead({ 'case.json.gz': caseJson });
    const locals = [...head, stored('case.json.gz', caseJson), { name: 'attachments/x', data: zeros64, method: 8 as const, size: 64 * MIB }];
    const directory = [0, 1, 2].map((local) => ({ local })).concat([1, 2, 3, 4, 5].map((n) => ({ local: 3, name: `attachments/${n}` })));
    const file = await ageEncrypt(craftZip(locals, directory), { recipients: [victim.ageRecipient] });
    const outcome = await readInChild(file, 'unlisted.casefile');
    expect(outcome).toMatchObject({ ok: false, code: 'CORRUPT_STORE' });
    expect(outcome.message).toMatch(/attachments\/1, which the signed manifest does not list/);
    expect(outcome.growthMb).toBeLessThan(GROWTH_LIMIT_MB);
  }, 60_000);

  it('unpacks the signed case data no further than the size it states', async () => {
    // A signed case.json.gz of 256 MiB of zeros whose trailer claims 1,000 bytes.
    const bomb = withStatedSize(new Uint8Array(gzipSync(Buffer.alloc(256 * MIB))), 1000);
    const zip = craftZip([...signedHead({ 'case.json.gz': bomb }), stored('case.json.gz', bomb)]);
    const file = await ageEncrypt(zip, { recipients: [victim.ageRecipient] });
    const outcome = await readInChild(file, 'gzip-bomb.casefile');
    expect(outcome).toMatchObject({ ok: false, code: 'CORRUPT_STORE' });
    expect(outcome.message).toMatch(/case\.json\.gz/);
    expect(outcome.growthMb).toBeLessThan(GROWTH_LIMIT_MB);
  }, 60_000);

  it('refuses case data that states a size beyond what can be read, before unpacking it', async () => {
    const huge = withStatedSize(emptyCaseJson(), 3 * 1024 * MIB);
    const zip = craftZip([...signedHead({ 'case.json.gz': huge }), stored('case.json.gz', huge)]);
    const file = await ageEncrypt(zip, { recipients: [victim.ageRecipient] });
    const error = await expectStoreError(readCasefile(file, { identities: [victim.ageIdentity] }, { partners: [] }), 'VALIDATION');
    expect(error.message).toMatch(/3072 MB.*more than this version reads/);
  });

  it('refuses a part the manifest lists but the zip compresses, and a repeated manifest', async () => {
    const caseJson = emptyCaseJson();
    const head = signedHead({ 'case.json.gz': caseJson });
    const deflated = craftZip([...head, { name: 'case.json.gz', data: new Uint8Array(deflateRawSync(caseJson)), method: 8, size: caseJson.length }]);
    const e1 = await expectStoreError(readCasefile(await ageEncrypt(deflated, { recipients: [victim.ageRecipient] }), { identities: [victim.ageIdentity] }, { partners: [] }), 'CORRUPT_STORE');
    expect(e1.message).toMatch(/case\.json\.gz is not stored/);
    const twice = craftZip([...head, stored('case.json.gz', caseJson)], [0, 0, 1, 2].map((local) => ({ local })));
    const e2 = await expectStoreError(readCasefile(await ageEncrypt(twice, { recipients: [victim.ageRecipient] }), { identities: [victim.ageIdentity] }, { partners: [] }), 'CORRUPT_STORE');
    expect(e2.message).toMatch(/manifest\.json more than once/);
    // The same parts, stored once each, open.
    const good = craftZip([...head, stored('case.json.gz', caseJson)]);
    const opened = await readCasefile(await ageEncrypt(good, { recipients: [victim.ageRecipient] }), { identities: [victim.ageIdentity] }, { partners: [] });
    expect(opened.manifest.case.name).toBe('Crafted');
  });
});
