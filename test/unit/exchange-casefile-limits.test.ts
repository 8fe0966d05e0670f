import { spawn, spawnSync } from 'node:child_process';
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
import { CASEFILE_FORMAT_VERSION, CASEFILE_ZIP_FORMAT_VERSION, type ManifestPart, type ManifestV1, type ManifestV2 } from '../../src/shared/exchange';
import { plainEvent } from '../helpers/records';
import { expectStoreError, removeTempDirs, tempDir } from '../helpers/store';
import { craftTar, type CraftedEntry } from '../helpers/tar-craft';
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
/**
 * Inflating any of these files grows memory by 100 MB and more (the bombs unpack to 64–256 MiB).
 * Refusing them costs the reader's code and stream buffers: under 10 MB once, now up to ~43 MB
 * for the gzip bomb as the domain code the reader loads has grown; 64 MB still tells the two apart.
 */
const GROWTH_LIMIT_MB = 64;

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
  return readPathInChild(path, nodeFlags);
}

function readPathInChild(path: string, nodeFlags: string[] = []): Promise<ChildOutcome> {
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
function signedHead(parts: Record<string, Uint8Array>, counts: ManifestV1['counts'] = { events: 0, actors: 0, relationships: 0, sources: 0, series: 0 }): LocalEntry[] {
  const manifest: ManifestV1 = {
    format: 'casefile',
    formatVersion: CASEFILE_ZIP_FORMAT_VERSION,
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
async function craftedCaseData(inner: string, counts?: ManifestV1['counts']): Promise<Uint8Array> {
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
    const error = await expectStoreError(readCasefile(file, { identities: [victim.ageIdentity] }, { partners: [] }, { name: 'lists.casefile' }), 'VALIDATION');
    expect(error.message).toMatch(/The case data in lists\.casefile holds 1,500,0\d\d lists and objects, far more than the records it says it holds could need/);
  });

  it('refuses case data nested deeper than records ever are', async () => {
    const file = await craftedCaseData(`${'['.repeat(100)}${']'.repeat(100)}`);
    const error = await expectStoreError(readCasefile(file, { identities: [victim.ageIdentity] }, { partners: [] }, { name: 'deep.casefile' }), 'VALIDATION');
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

/** manifest.json and signature.json of format 2, signed by `author`, listing `parts` in order. */
function signedHeadV2(parts: ManifestPart[], counts: Record<string, number> = {}): CraftedEntry[] {
  const manifest: ManifestV2 = {
    format: 'casefile',
    formatVersion: CASEFILE_FORMAT_VERSION,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    author: { name: author.name, signingKey: author.signingKey, ageRecipient: author.ageRecipient },
    createdAt: '2025-01-01T00:00:00.000Z',
    sequence: 1,
    case: { id: 'case--11111111-1111-4111-8111-111111111111', name: 'Crafted' },
    scope: { maxMarking: 'TLP:AMBER', selection: 'whole-case' },
    counts: { events: 0, actors: 0, relationships: 0, sources: 0, series: 0, ...counts },
    parts,
  };
  const manifestBytes = new Uint8Array(Buffer.from(JSON.stringify(manifest)));
  const signature = new Uint8Array(Buffer.from(JSON.stringify({ algorithm: 'ed25519', signingKey: author.signingKey, signature: signBytes(author, manifestBytes) })));
  return [
    { name: 'manifest.json', data: manifestBytes },
    { name: 'signature.json', data: signature },
  ];
}

/** A records part of `lines` (gzip of NDJSON), as its manifest entry and its bytes. */
function recordsPart(ndjson: Buffer, lines: number): { part: ManifestPart; data: Uint8Array } {
  const data = new Uint8Array(gzipSync(ndjson));
  return { part: { kind: 'records', path: 'records.ndjson.gz', size: data.length, sha256: sha256Hex(data), unpackedSize: ndjson.length, lines }, data };
}

const encrypt = (archive: Uint8Array) => ageEncrypt(archive, { recipients: [victim.ageRecipient] });
const open = async (archive: Uint8Array) => readCasefile(await encrypt(archive), { identities: [victim.ageIdentity] }, { partners: [] });

describe('reading a hostile format-2 .casefile', () => {
  const empty = () => recordsPart(Buffer.alloc(0), 0);

  it('opens a well-formed crafted file (the cases below differ from it in one thing each)', async () => {
    const records = empty();
    const opened = await open(craftTar([...signedHeadV2([records.part]), { name: 'records.ndjson.gz', data: records.data }]));
    expect(opened.manifest).toMatchObject({ formatVersion: 2, case: { name: 'Crafted' } });
  });

  it('refuses an archive whose first entry is not the manifest, before reading it', async () => {
    const file = await encrypt(craftTar([{ name: 'records.ndjson.gz', data: zeros64.subarray(0, 1024), size: 64 * MIB }]));
    const outcome = await readInChild(file, 'not-first.casefile');
    expect(outcome).toMatchObject({ ok: false, code: 'CORRUPT_STORE' });
    expect(outcome.message).toMatch(/its first entry is records\.ndjson\.gz, not manifest\.json/);
    expect(outcome.growthMb).toBeLessThan(GROWTH_LIMIT_MB);
    const huge = await expectStoreError(open(craftTar([{ name: 'manifest.json', data: new Uint8Array(16), size: 64 * MIB }])), 'CORRUPT_STORE');
    expect(huge.message).toMatch(/its manifest\.json states 67108864 bytes, more than a real one holds/);
  }, 60_000);

  it('refuses a part whose entry states more bytes than the signed manifest, before reading it', async () => {
    const records = empty();
    const file = await encrypt(craftTar([...signedHeadV2([records.part]), { name: 'records.ndjson.gz', data: zeros64, size: 256 * MIB }]));
    const outcome = await readInChild(file, 'larger.casefile');
    expect(outcome).toMatchObject({ ok: false, code: 'CORRUPT_STORE' });
    expect(outcome.message).toMatch(new RegExp(`records\\.ndjson\\.gz is ${256 * MIB} bytes where the signed manifest states ${records.part.size}; it was not read`));
    expect(outcome.growthMb).toBeLessThan(GROWTH_LIMIT_MB);
  }, 60_000);

  it('refuses an entry the signed manifest does not list, and one listed twice, before reading it', async () => {
    const records = empty();
    const head = signedHeadV2([records.part]);
    const unlisted = await encrypt(craftTar([...head, { name: 'records.ndjson.gz', data: records.data }, { name: `attachments/${'a'.repeat(64)}`, data: zeros64, size: 64 * MIB }]));
    const outcome = await readInChild(unlisted, 'unlisted.casefile');
    expect(outcome).toMatchObject({ ok: false, code: 'CORRUPT_STORE' });
    expect(outcome.message).toMatch(/it holds attachments\/a{64}, which the signed manifest does not list/);
    expect(outcome.growthMb).toBeLessThan(GROWTH_LIMIT_MB);
    const twice = await expectStoreError(open(craftTar([...head, { name: 'records.ndjson.gz', data: records.data }, { name: 'records.ndjson.gz', data: records.data }])), 'CORRUPT_STORE');
    expect(twice.message).toMatch(/it holds records\.ndjson\.gz twice/);
    const manifestAgain = await expectStoreError(open(craftTar([...head, ...head])), 'CORRUPT_STORE');
    expect(manifestAgain.message).toMatch(/it holds manifest\.json twice/);
  }, 60_000);

  it('unpacks the signed records no further than their signed size, and no line past 16 MiB', async () => {
    // 256 MiB of zeros (about 256 KB of gzip) whose signed manifest says it unpacks to 1,000 bytes.
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(256 * MIB)));
    const part: ManifestPart = { kind: 'records', path: 'records.ndjson.gz', size: bomb.length, sha256: sha256Hex(bomb), unpackedSize: 1000, lines: 1 };
    const file = await encrypt(craftTar([...signedHeadV2([part]), { name: 'records.ndjson.gz', data: bomb }]));
    const outcome = await readInChild(file, 'records-bomb.casefile');
    expect(outcome).toMatchObject({ ok: false, code: 'CORRUPT_STORE' });
    expect(outcome.message).toMatch(/records\.ndjson\.gz unpacks to more than the 1000 bytes its signed manifest states/);
    expect(outcome.growthMb).toBeLessThan(GROWTH_LIMIT_MB);
    // Stated honestly, one 64 MiB line is refused at the line limit.
    const line = recordsPart(Buffer.alloc(64 * MIB, 0x20), 1);
    const long = await expectStoreError(open(craftTar([...signedHeadV2([line.part]), { name: 'records.ndjson.gz', data: line.data }])), 'CORRUPT_STORE');
    expect(long.message).toMatch(/a line of the records is longer than 16 MiB/);
  }, 120_000);

  it('refuses records holding far more lists than their signed counts could need, or nested deeper than records are, even records it already holds', async () => {
    // Records the receiver holds in the stated version are not validated again: the guard must not rely on the schema.
    const held = { partners: [], alreadyHeld: () => true };
    const line = (record: string) => Buffer.from(`{"kind":"record","collection":"events","versions":["${'a'.repeat(24)}"],"record":${record}}\n`);
    const lists = recordsPart(line(`{"id":"event--crafted","junk":[${'[0],'.repeat(1_500_000)}[0]]}`), 1);
    const listsFile = await encrypt(craftTar([...signedHeadV2([lists.part], { events: 1 }), { name: 'records.ndjson.gz', data: lists.data }]));
    const many = await expectStoreError(readCasefile(listsFile, { identities: [victim.ageIdentity] }, held, { name: 'lists.casefile' }), 'VALIDATION');
    expect(many.message).toMatch(/The records in lists\.casefile hold 1,500,0\d\d lists and objects by line 1, far more than the records it says it holds could need/);
    const deep = recordsPart(line(`{"id":"event--crafted","junk":${'['.repeat(100)}${']'.repeat(100)}}`), 1);
    const deepFile = await encrypt(craftTar([...signedHeadV2([deep.part], { events: 1 }), { name: 'records.ndjson.gz', data: deep.data }]));
    const nested = await expectStoreError(readCasefile(deepFile, { identities: [victim.ageIdentity] }, held, { name: 'deep.casefile' }), 'VALIDATION');
    expect(nested.message).toMatch(/Line 1 of the records in deep\.casefile nests 102 levels deep/);
  }, 60_000);

  it('refuses records that do not match the signed counts, and names an invalid record', async () => {
    const event = { kind: 'record', collection: 'events', versions: [], record: { id: 'event--crafted', title: '' } };
    const bad = recordsPart(Buffer.from(`${JSON.stringify(event)}\n`), 1);
    const invalid = await expectStoreError(open(craftTar([...signedHeadV2([bad.part], { events: 1 }), { name: 'records.ndjson.gz', data: bad.data }])), 'VALIDATION');
    expect(invalid.message).toMatch(/events event--crafted: .*signed that way by its author/);
    const good = recordsPart(Buffer.from(`${JSON.stringify({ ...event, record: plainEvent('event--crafted', 'Crafted') })}\n`), 1);
    const miscounted = await expectStoreError(open(craftTar([...signedHeadV2([good.part], { events: 2 }), { name: 'records.ndjson.gz', data: good.data }])), 'CORRUPT_STORE');
    expect(miscounted.message).toMatch(/its records hold 1 events where the signed manifest states 2/);
  });
});

describe('format 1 (zip, read whole) is bounded', () => {
  it('refuses a format-1 file larger than 256 MB by its size, before decrypting it, with memory that does not grow with it', async () => {
    // Anyone with the victim's age recipient can make this: "PK\x03\x04" and 300 MiB of zeros, no signing key needed.
    const path = join(dir, 'large-v1.casefile');
    const made = spawnSync('sh', ['-c', `(printf 'PK\\003\\004'; head -c ${300 * MIB} /dev/zero) | age -r ${victim.ageRecipient} > ${path}`]);
    expect(made.status).toBe(0);
    const outcome = await readPathInChild(path);
    expect(outcome).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(outcome.message).toMatch(/zip layout of earlier versions \(format 1\).*only up to 256 MB; it is 300 MB\. Nothing was read or kept/);
    expect(outcome.growthMb).toBeLessThan(GROWTH_LIMIT_MB);
  }, 120_000);
});
