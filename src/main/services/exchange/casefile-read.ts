import { gunzipSync } from 'node:zlib';
import { unzipSync, type UnzipFileInfo } from 'fflate';
import type { AuditEntry } from '../../../shared/domain/audit';
import { CURRENT_SCHEMA_VERSION } from '../../../shared/domain/case';
import { LoosePayload, Manifest, Signature, parseProvenance, validatePayload, type CasePayload, type PayloadRecords } from '../../../shared/exchange';
import { StoreError } from '../../store/store-error';
import { jsonParseRefusal } from '../json-guard';
import { ageDecrypt, type DecryptWith } from './age';
import { sha256Hex } from './hashing';
import { fingerprint, verifyBytes, type PartnerKey } from './identity';

export interface Signer {
  name: string;
  fingerprint: string;
  /** 'self': our own key; 'partner': a named partner key; 'unknown': a key we have never seen. */
  trust: 'self' | 'partner' | 'unknown';
}

export interface OpenedCasefile {
  manifest: Manifest;
  payload: CasePayload;
  /** Attachment bytes by SHA-256. */
  attachments: Map<string, Uint8Array>;
  signer: Signer;
  /** SHA-256 of the received (encrypted) file. */
  fileSha256: string;
  warnings: string[];
}

export interface Trust {
  ownSigningKey?: string;
  partners: readonly PartnerKey[];
  /** Our history, to spot rollback (an older file from an author we already merged). */
  history?: readonly AuditEntry[];
  /** True when we hold this record in exactly the stated version: it is then not validated again. */
  alreadyHeld?: (collection: keyof PayloadRecords, id: string, statedVersion: string | undefined) => boolean;
}

const decoder = new TextDecoder();

// Limits checked before anything is inflated, so a small hostile file cannot exhaust memory.
const MAX_MANIFEST_BYTES = 1024 * 1024;
const MAX_SIGNATURE_BYTES = 16 * 1024;
const MAX_ENTRIES = 100_000;
/** The longest case.json a reader can parse: V8's longest string is about 2^29 characters. */
export const MAX_CASE_JSON_BYTES = 512 * 1024 * 1024;
const HEAD = new Set(['manifest.json', 'signature.json']);

interface ZipEntryInfo {
  size: number;
  originalSize: number;
  compression: number;
}

/**
 * Opens a received `.casefile`: decrypts, reads the zip directory and only manifest.json and
 * signature.json (capped), checks the Ed25519 signature over the manifest, refuses repeated,
 * unlisted or misstated entries, then extracts the listed parts (stored, so no larger than the
 * file), checks their SHA-256, and unpacks the case data no further than it states. Nothing is
 * merged here.
 */
export async function readCasefile(file: Uint8Array, using: DecryptWith, trust: Trust, name = 'this file'): Promise<OpenedCasefile> {
  const archive = await ageDecrypt(file, using);
  // age never makes a file larger than its ciphertext; the part sizes below are bounded by this.
  if (archive.length > file.length) throw damaged('its encrypted content is larger than the file');
  const listed = new Map<string, ZipEntryInfo>();
  const head = unzipWith(archive, (entry) => {
    if (listed.has(entry.name)) throw damaged(`it holds ${entry.name} more than once`);
    if (listed.size >= MAX_ENTRIES) throw damaged(`it holds more than ${MAX_ENTRIES} entries`);
    listed.set(entry.name, { size: entry.size, originalSize: entry.originalSize, compression: entry.compression });
    if (!HEAD.has(entry.name)) return false;
    const cap = entry.name === 'manifest.json' ? MAX_MANIFEST_BYTES : MAX_SIGNATURE_BYTES;
    if (entry.originalSize > cap) throw damaged(`its ${entry.name} states ${entry.originalSize} bytes, more than a real one holds`);
    return true;
  });
  const manifestBytes = head['manifest.json'];
  const signatureBytes = head['signature.json'];
  if (!manifestBytes || !signatureBytes) throw damaged('manifest.json or signature.json is missing');
  const signature = Signature.safeParse(parseJson(signatureBytes));
  if (!signature.success) throw damaged('signature.json is not a valid signature');
  if (!verifyBytes(signature.data.signingKey, manifestBytes, signature.data.signature)) {
    throw new StoreError('CORRUPT_STORE', 'The signature does not match the file’s contents: it was altered after it was signed, or signed by someone else. Nothing was read from it.');
  }
  const manifest = Manifest.safeParse(parseJson(manifestBytes));
  if (!manifest.success) throw damaged(`its manifest is not valid (${manifest.error.issues[0]?.message ?? 'invalid'})`);
  if (manifest.data.author.signingKey !== signature.data.signingKey) throw damaged('the manifest names another author than the key that signed it');
  if (manifest.data.schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new StoreError('UNSUPPORTED_VERSION', `This case file was written by a newer version (schema ${manifest.data.schemaVersion}); update Casefile Workbench to open it.`);
  }
  const parts = checkParts(manifest.data, listed, archive.length);
  const entries = unzipWith(archive, (entry) => parts.has(entry.name));
  for (const part of manifest.data.parts) {
    const bytes = entries[part.path];
    if (!bytes) throw damaged(`${part.path} is missing`);
    if (bytes.length !== part.size || sha256Hex(bytes) !== part.sha256) throw damaged(`${part.path} does not match its SHA-256 in the signed manifest`);
  }
  const caseBytes = entries['case.json.gz'];
  if (!caseBytes) throw damaged('case.json.gz is missing');
  const caseJson = gunzipCaseData(caseBytes);
  // What parsing would build, before it is built: a few hundred KB can state half a GB of `[0],`.
  const refused = jsonParseRefusal(caseJson, `The case data in ${name}`, { maxContainers: containersFor(manifest.data.counts) });
  if (refused) throw new StoreError('VALIDATION', `${refused} Nothing was read from the file; if it is genuine, ask the sender for a smaller selection (a filter or a lower marking).`);
  const loose = LoosePayload.safeParse(parseJson(caseJson));
  const payload = loose.success ? validatePayload(loose.data, trust.alreadyHeld ?? (() => false)) : { ok: false as const, message: `${loose.error.issues[0]?.path.join('.') ?? ''}: ${loose.error.issues[0]?.message ?? 'invalid'}` };
  if (!payload.ok) {
    throw new StoreError('VALIDATION', `The case data in the file is not valid (${payload.message}); it was signed that way by its author. Nothing was read.`);
  }
  const attachments = new Map<string, Uint8Array>();
  for (const [name, bytes] of Object.entries(entries)) if (name.startsWith('attachments/')) attachments.set(name.slice(12), bytes);
  const signer = signerOf(manifest.data, trust);
  return { manifest: manifest.data, payload: payload.payload, attachments, signer, fileSha256: sha256Hex(file), warnings: warningsFor(manifest.data, signer, trust) };
}

/**
 * The entries to extract: exactly the parts the signed manifest lists, each stored (not
 * compressed) at its stated size. Stored parts occupy their size in the archive, so together
 * they can be no larger than it; anything else is refused before a byte is extracted.
 */
function checkParts(manifest: Manifest, listed: ReadonlyMap<string, ZipEntryInfo>, archiveSize: number): Set<string> {
  const parts = new Map(manifest.parts.map((p) => [p.path, p]));
  if (parts.size !== manifest.parts.length) throw damaged('its manifest lists a part twice');
  for (const [name, info] of listed) {
    if (HEAD.has(name)) continue;
    if (name.endsWith('/') && info.originalSize === 0) continue; // a folder entry some zip tools add
    const part = parts.get(name);
    if (!part) throw damaged(`it holds ${name}, which the signed manifest does not list`);
    if (info.compression !== 0 || info.size !== part.size || info.originalSize !== part.size) {
      throw damaged(`${name} is not stored as the signed manifest states (${part.size} bytes, uncompressed)`);
    }
  }
  for (const part of manifest.parts) if (!listed.has(part.path) || HEAD.has(part.path)) throw damaged(`${part.path} is missing`);
  const total = manifest.parts.reduce((sum, p) => sum + p.size, 0);
  if (total > archiveSize) throw damaged('its parts add up to more than the file holds');
  return new Set(parts.keys());
}

/**
 * The most lists and objects case data may hold for the records its signed manifest counts: a
 * record is a few dozen at most (a series with many points, an actor with many aliases, more),
 * so a thousand each on average, plus room for version lists and tombstones, is already absurd.
 */
function containersFor(counts: Manifest['counts']): number {
  const records = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return 1_000 * records + 1_000_000;
}

/** Unpacks the case data, never past the length its gzip trailer states (covered by the signed SHA-256). */
function gunzipCaseData(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 18) throw damaged('case.json.gz is cut short');
  const stated = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readUInt32LE(bytes.length - 4);
  if (stated > MAX_CASE_JSON_BYTES) {
    throw new StoreError(
      'VALIDATION',
      `The case data in this file would unpack to ${Math.round(stated / (1024 * 1024))} MB, more than this version reads (${MAX_CASE_JSON_BYTES / (1024 * 1024)} MB). Nothing was read; ask the sender for a smaller selection (a filter or a lower marking).`,
    );
  }
  let json: Uint8Array;
  try {
    json = gunzipSync(bytes, { maxOutputLength: Math.max(stated, 1) });
  } catch {
    throw damaged('case.json.gz cannot be unpacked, or unpacks to more than it states');
  }
  if (json.length !== stated) throw damaged('case.json.gz does not unpack to the size it states');
  return json;
}

/** fflate's unzip with a filter that sees each directory entry before anything is inflated. */
function unzipWith(archive: Uint8Array, filter: (entry: UnzipFileInfo) => boolean): Record<string, Uint8Array> {
  try {
    return unzipSync(archive, { filter });
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw damaged('its archive cannot be read');
  }
}

function signerOf(manifest: Manifest, trust: Trust): Signer {
  const key = manifest.author.signingKey;
  const fp = fingerprint(key);
  if (key === trust.ownSigningKey) return { name: manifest.author.name, fingerprint: fp, trust: 'self' };
  const partner = trust.partners.find((p) => p.signingKey === key);
  return partner ? { name: partner.name, fingerprint: fp, trust: 'partner' } : { name: manifest.author.name, fingerprint: fp, trust: 'unknown' };
}

function warningsFor(manifest: Manifest, signer: Signer, trust: Trust): string[] {
  const warnings: string[] = [];
  if (signer.trust === 'unknown') {
    warnings.push(`Signed by a key you have not imported (fingerprint ${signer.fingerprint}); it calls itself “${manifest.author.name}”. Compare the fingerprint with the sender by phone or in person before you trust it.`);
  }
  const merged = parseProvenance(trust.history ?? []).filter((p) => p.author === signer.fingerprint);
  const newest = merged.reduce((max, p) => Math.max(max, p.sequence), 0);
  if (newest > manifest.sequence) {
    warnings.push(`Rollback: this file is number ${manifest.sequence} from this author, but you already merged number ${newest}. It is older than data you have; merging it may bring back what the author has since changed.`);
  } else if (merged.some((p) => p.sequence === manifest.sequence)) {
    warnings.push(`You already merged file number ${manifest.sequence} from this author.`);
  }
  return warnings;
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    return undefined;
  }
}

function damaged(what: string): StoreError {
  return new StoreError('CORRUPT_STORE', `The case file is damaged or was altered: ${what}. Nothing was read from it; ask the sender for a new copy.`);
}
