import type { AuditEntry } from '../../../shared/domain/audit';
import { CURRENT_SCHEMA_VERSION } from '../../../shared/domain/case';
import { CASEFILE_FORMAT_VERSION, EXCHANGED, Manifest, Signature, parseProvenance, type AlreadyHeld, type CasePayload } from '../../../shared/exchange';
import { StoreError } from '../../store/store-error';
import { fingerprint, verifyBytes, type PartnerKey } from './identity';

export interface Signer {
  name: string;
  fingerprint: string;
  /** 'self': our own key; 'partner': a named partner key; 'unknown': a key we have never seen. */
  trust: 'self' | 'partner' | 'unknown';
}

export interface ReceivedFile {
  sha256: string;
  size: number;
}

export interface OpenedCasefile {
  manifest: Manifest;
  payload: CasePayload;
  /** The files it carries, by SHA-256: every byte checked against the signed manifest (and kept, when the reader was asked to). */
  attachments: Map<string, ReceivedFile>;
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
  alreadyHeld?: AlreadyHeld;
}

// Limits on what is read before the signature is checked, so a small hostile file cannot exhaust memory.
/** A manifest lists one part per file; 16 MiB holds ~100,000 of them. */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
export const MAX_SIGNATURE_BYTES = 16 * 1024;

const decoder = new TextDecoder();

export function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    return undefined;
  }
}

export function damaged(what: string): StoreError {
  return new StoreError('CORRUPT_STORE', `The case file is damaged or was altered: ${what}. Nothing was read from it; ask the sender for a new copy.`);
}

/** Signed case data that fails its schema: the author's doing, not an alteration. */
export function invalidData(message: string): StoreError {
  return new StoreError('VALIDATION', `The case data in the file is not valid (${message}); it was signed that way by its author. Nothing was read.`);
}

/**
 * Checks the Ed25519 signature over the exact manifest bytes, then the manifest itself: its
 * layout version (`expected`), schema (a newer one asks for an update) and that its author is
 * the key that signed.
 */
export function verifyHead(manifestBytes: Uint8Array, signatureBytes: Uint8Array, expected: Manifest['formatVersion']): Manifest {
  const signature = Signature.safeParse(parseJson(signatureBytes));
  if (!signature.success) throw damaged('signature.json is not a valid signature');
  if (!verifyBytes(signature.data.signingKey, manifestBytes, signature.data.signature)) {
    throw new StoreError('CORRUPT_STORE', 'The signature does not match the file’s contents: it was altered after it was signed, or signed by someone else. Nothing was read from it.');
  }
  const raw = parseJson(manifestBytes);
  const stated = typeof raw === 'object' && raw !== null && 'formatVersion' in raw ? (raw as { formatVersion: unknown }).formatVersion : undefined;
  if (typeof stated === 'number' && stated > CASEFILE_FORMAT_VERSION) {
    throw new StoreError('UNSUPPORTED_VERSION', `This case file was written by a newer version (layout ${stated}); update Casefile Workbench to open it.`);
  }
  const manifest = Manifest.safeParse(raw);
  if (!manifest.success) throw damaged(`its manifest is not valid (${manifest.error.issues[0]?.message ?? 'invalid'})`);
  if (manifest.data.formatVersion !== expected) throw damaged(`its manifest says layout ${manifest.data.formatVersion}, but the file is laid out as ${expected}`);
  if (manifest.data.author.signingKey !== signature.data.signingKey) throw damaged('the manifest names another author than the key that signed it');
  if (manifest.data.schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new StoreError('UNSUPPORTED_VERSION', `This case file was written by a newer version (schema ${manifest.data.schemaVersion}); update Casefile Workbench to open it.`);
  }
  return manifest.data;
}

/**
 * The most lists and objects case data may hold for the records its signed manifest counts: a
 * record is a few dozen at most (a series with many points, an actor with many aliases, more),
 * so a thousand each on average, plus room for version lists and tombstones, is already absurd.
 */
export function containersFor(counts: Manifest['counts']): number {
  // Only collections a case file carries count (a signed count of anything else buys nothing),
  // and no more records than a case file may hold: the budget is bounded whatever is signed.
  let records = 0;
  for (const collection of EXCHANGED) records += Math.min(counts[collection] ?? 0, MAX_COUNTED_RECORDS);
  return 1_000 * Math.min(records, MAX_COUNTED_RECORDS) + 1_000_000;
}

/** The most records a case file's counts may vouch for in the parse budget (ten times the 1M-event case of issue 13). */
export const MAX_COUNTED_RECORDS = 20_000_000;

/** A parse refused before it was made (json-guard): the file may be genuine, so it is not called damaged. */
export function refusedData(reason: string): StoreError {
  return new StoreError('VALIDATION', `${reason} Nothing was read from the file; if it is genuine, ask the sender for a smaller selection (a filter or a lower marking).`);
}

export function signerOf(manifest: Manifest, trust: Trust): Signer {
  const key = manifest.author.signingKey;
  const fp = fingerprint(key);
  if (key === trust.ownSigningKey) return { name: manifest.author.name, fingerprint: fp, trust: 'self' };
  const partner = trust.partners.find((p) => p.signingKey === key);
  return partner ? { name: partner.name, fingerprint: fp, trust: 'partner' } : { name: manifest.author.name, fingerprint: fp, trust: 'unknown' };
}

export function warningsFor(manifest: Manifest, signer: Signer, trust: Trust): string[] {
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
