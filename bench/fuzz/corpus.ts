import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { extract, pack } from 'tar-stream';
import { ageEncrypt } from '../../src/main/services/exchange/age';
import { ageDecrypt } from '../../src/main/services/exchange/age-stream';
import { CaseService } from '../../src/main/services/case-service';
import { ExchangeService } from '../../src/main/services/exchange/exchange-service';
import { sha256Hex } from '../../src/main/services/exchange/hashing';
import { newIdentity, signBytes, type OwnIdentity } from '../../src/main/services/exchange/identity';
import { caseToStixBundle } from '../../src/shared/formats/stix';
import { RECORDS_PART, type ManifestV2 } from '../../src/shared/exchange';
import { generateCase } from '../generate';
import { mutate, type Rng } from './mutate';

/** The seed files the fuzzer mutates, one kind a format, and how a case of each is made. */

export const FORMATS = ['casefile', 'stix', 'acled', 'gtd', 'xlsx'] as const;
export type FuzzFormat = (typeof FORMATS)[number];

export const EXTENSION: Record<FuzzFormat, string> = { casefile: 'casefile', stix: 'json', acled: 'csv', gtd: 'csv', xlsx: 'xlsx' };

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/import/', import.meta.url));
const PASSPHRASE = 'fuzz corpus passphrase, not a secret';

interface Seed {
  bytes: Uint8Array;
  /** Where the format's header ends: edits before it reach the parser's first decisions. */
  headerEnd: number;
}

export interface Corpus {
  seeds: Record<FuzzFormat, Seed[]>;
  /** Whose key opens the partner's files (the case the fuzzed files are opened in uses it). */
  victim: OwnIdentity;
  partner: OwnIdentity;
  /** The partner file's decrypted archive, its manifest and case data, for deeper mutations. */
  archive: Uint8Array;
}

function firstLine(bytes: Uint8Array): number {
  const i = Buffer.from(bytes).indexOf(0x0a);
  return i < 0 ? bytes.length : i + 1;
}

/** Builds the corpus: a partner's `.casefile` made by the app's own export, the app's STIX export, and the import fixtures. */
export async function buildCorpus(dir: string): Promise<Corpus> {
  const victim = await newIdentity('victim');
  const cases = new CaseService({ user: 'partner', foldAfterIdleMs: 2 ** 31 - 1 });
  const doc = generateCase({ events: 40, actors: 8, seed: 7 });
  const created = await cases.create(join(dir, 'partner.cfcase'), PASSPHRASE, doc);
  if (!created.ok) throw new Error(created.error.message);
  const exchange = new ExchangeService(cases, 'partner');
  const partner = (await exchange.keyring()).identity;
  const out = join(dir, 'partner.casefile');
  await exchange.exportCasefile({ out, maxMarking: 'TLP:RED', recipients: [victim.ageRecipient] });
  const casefile = new Uint8Array(readFileSync(out));
  await cases.close();
  const archive = await ageDecrypt(casefile, { identities: [victim.ageIdentity] });
  const ageHeaderEnd = Buffer.from(casefile).indexOf('\n--- ') + 1;
  const stix = Buffer.from(JSON.stringify(caseToStixBundle(doc, { caseName: doc.name, caseId: doc.id, now: '2025-01-01T00:00:00.000Z' })));
  const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));
  const csv = (name: string): Seed => {
    const bytes = fixture(name);
    return { bytes, headerEnd: firstLine(bytes) };
  };
  return {
    seeds: {
      casefile: [{ bytes: casefile, headerEnd: ageHeaderEnd }],
      stix: [
        { bytes: fixture('stix-bundle.json'), headerEnd: 64 },
        { bytes: new Uint8Array(stix), headerEnd: 64 },
      ],
      acled: [csv('acled-current.csv'), csv('acled-older-1252.csv'), csv('acled-no-header.csv')],
      gtd: [csv('gtd.csv')],
      xlsx: [{ bytes: fixture('generic.xlsx'), headerEnd: 30 }],
    },
    victim,
    partner,
    archive,
  };
}

/**
 * One fuzzed file. A `.casefile` is mutated at one of three depths: its encrypted bytes; its tar
 * (encrypted again to the victim); or its case data (signed again by the partner, so the mutation
 * reaches the payload's parser and validation rather than stopping at the signature).
 */
export async function makeCase(corpus: Corpus, format: FuzzFormat, rng: Rng): Promise<{ bytes: Uint8Array; how: string }> {
  const seeds = corpus.seeds[format];
  const seed = seeds[Math.floor(rng() * seeds.length)] as Seed;
  if (format !== 'casefile') {
    const { bytes, applied } = mutate(seed.bytes, rng, seed.headerEnd);
    return { bytes, how: applied.join('+') };
  }
  const depth = rng();
  if (depth < 0.4) {
    const { bytes, applied } = mutate(seed.bytes, rng, seed.headerEnd);
    return { bytes, how: `encrypted:${applied.join('+')}` };
  }
  if (depth < 0.7) {
    const { bytes, applied } = mutate(corpus.archive, rng, 64);
    return { bytes: await ageEncrypt(bytes, { recipients: [corpus.victim.ageRecipient] }), how: `tar:${applied.join('+')}` };
  }
  // Format 2: records.ndjson.gz mutated, the manifest's entry for it updated and signed again.
  const entries = await untar(corpus.archive);
  const ndjson = gunzipSync(entries.get(RECORDS_PART) as Buffer);
  const { bytes: mutated, applied } = mutate(ndjson, rng, 256);
  const gz = gzipSync(mutated, { level: 1 });
  const lines = Buffer.from(mutated).toString('utf8').split('\n').filter((line) => line.length > 0).length;
  const manifest = JSON.parse((entries.get('manifest.json') as Buffer).toString('utf8')) as ManifestV2;
  manifest.parts = manifest.parts.map((p) => (p.kind === 'records' ? { ...p, size: gz.length, sha256: sha256Hex(gz), unpackedSize: mutated.length, lines } : p));
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  const signature = { algorithm: 'ed25519', signingKey: corpus.partner.signingKey, signature: signBytes(corpus.partner, new Uint8Array(manifestBytes)) };
  entries.set('manifest.json', manifestBytes);
  entries.set('signature.json', Buffer.from(JSON.stringify(signature)));
  entries.set(RECORDS_PART, gz);
  return { bytes: await ageEncrypt(await tar(entries), { recipients: [corpus.victim.ageRecipient] }), how: `signed-data:${applied.join('+')}` };
}

/** A tar archive's entries, in order (tar-stream: an independent reader and writer). */
async function untar(archive: Uint8Array): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  const reader = extract();
  Readable.from([Buffer.from(archive)]).pipe(reader);
  for await (const entry of reader) {
    const pieces: Buffer[] = [];
    for await (const piece of entry) pieces.push(piece as Buffer);
    entries.set(entry.header.name, Buffer.concat(pieces));
  }
  return entries;
}

async function tar(entries: Map<string, Buffer>): Promise<Uint8Array> {
  const packer = pack();
  for (const [name, bytes] of entries) packer.entry({ name, size: bytes.length }, bytes);
  packer.finalize();
  const pieces: Buffer[] = [];
  for await (const piece of packer) pieces.push(piece as Buffer);
  return new Uint8Array(Buffer.concat(pieces));
}
