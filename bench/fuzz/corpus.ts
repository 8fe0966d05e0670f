import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { ageDecrypt, ageEncrypt } from '../../src/main/services/exchange/age';
import { CaseService } from '../../src/main/services/case-service';
import { ExchangeService } from '../../src/main/services/exchange/exchange-service';
import { sha256Hex } from '../../src/main/services/exchange/hashing';
import { newIdentity, signBytes, type OwnIdentity } from '../../src/main/services/exchange/identity';
import { caseToStixBundle } from '../../src/shared/formats/stix';
import type { Manifest } from '../../src/shared/exchange';
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
  const { bytes: casefile } = await exchange.exportCasefile({ maxMarking: 'TLP:RED', recipients: [victim.ageRecipient] });
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
 * One fuzzed file. A `.casefile` is mutated at one of three depths: its encrypted bytes; its zip
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
    return { bytes: await ageEncrypt(bytes, { recipients: [corpus.victim.ageRecipient] }), how: `zip:${applied.join('+')}` };
  }
  const entries = unzipSync(corpus.archive);
  const json = gunzipSync(entries['case.json.gz'] as Uint8Array);
  const { bytes: mutated, applied } = mutate(json, rng, 256);
  const gz = gzipSync(mutated, { level: 1 });
  const manifest = JSON.parse(Buffer.from(entries['manifest.json'] as Uint8Array).toString('utf8')) as Manifest;
  manifest.parts = manifest.parts.map((p) => (p.path === 'case.json.gz' ? { path: p.path, size: gz.length, sha256: sha256Hex(gz) } : p));
  const manifestBytes = new Uint8Array(Buffer.from(JSON.stringify(manifest)));
  const signature = { algorithm: 'ed25519', signingKey: corpus.partner.signingKey, signature: signBytes(corpus.partner, manifestBytes) };
  const zip: Zippable = { 'manifest.json': manifestBytes, 'signature.json': new Uint8Array(Buffer.from(JSON.stringify(signature))) };
  for (const [name, bytes] of Object.entries(entries)) if (!(name in zip)) zip[name] = [name === 'case.json.gz' ? new Uint8Array(gz) : bytes, { level: 0 }];
  return { bytes: await ageEncrypt(zipSync(zip), { recipients: [corpus.victim.ageRecipient] }), how: `signed-data:${applied.join('+')}` };
}
