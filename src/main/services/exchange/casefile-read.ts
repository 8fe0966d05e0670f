import { gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import type { AuditEntry } from '../../../shared/domain/audit';
import { CURRENT_SCHEMA_VERSION } from '../../../shared/domain/case';
import { LoosePayload, Manifest, Signature, parseProvenance, validatePayload, type CasePayload, type PayloadRecords } from '../../../shared/exchange';
import { StoreError } from '../../store/store-error';
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

/**
 * Opens a received `.casefile`: decrypts, checks the Ed25519 signature over the manifest, then the
 * SHA-256 and size of every part, and only then parses the case data. Nothing is merged here.
 */
export async function readCasefile(file: Uint8Array, using: DecryptWith, trust: Trust): Promise<OpenedCasefile> {
  const archive = await ageDecrypt(file, using);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(archive);
  } catch {
    throw damaged('its archive cannot be read');
  }
  const manifestBytes = entries['manifest.json'];
  const signatureBytes = entries['signature.json'];
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
  const listed = new Set(['manifest.json', 'signature.json', ...manifest.data.parts.map((p) => p.path)]);
  const extra = Object.keys(entries).find((name) => !listed.has(name) && !name.endsWith('/'));
  if (extra) throw damaged(`it holds ${extra}, which the signed manifest does not list`);
  for (const part of manifest.data.parts) {
    const bytes = entries[part.path];
    if (!bytes) throw damaged(`${part.path} is missing`);
    if (bytes.length !== part.size || sha256Hex(bytes) !== part.sha256) throw damaged(`${part.path} does not match its SHA-256 in the signed manifest`);
  }
  const caseBytes = entries['case.json.gz'];
  if (!caseBytes) throw damaged('case.json.gz is missing');
  let caseJson: Uint8Array;
  try {
    caseJson = gunzipSync(caseBytes);
  } catch {
    throw damaged('case.json.gz cannot be unpacked');
  }
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
