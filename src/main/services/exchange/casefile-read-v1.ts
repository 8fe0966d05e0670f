import { gunzipSync } from 'node:zlib';
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { CASEFILE_ZIP_FORMAT_VERSION, LoosePayload, validatePayload, type CasePayload, type ManifestV1 } from '../../../shared/exchange';
import { StoreError } from '../../store/store-error';
import { jsonParseRefusal } from '../json-guard';
import { MAX_SIGNATURE_BYTES, containersFor, damaged, refusedData, invalidData, parseJson, verifyHead, type Trust } from './casefile-common';
import { sha256Hex } from './hashing';

/**
 * Format 1: the zip layout of versions before 0.2, which built the whole file in memory
 * (docs/exchange-format.md, "Format 1"). Still read from partners who have not updated; the
 * decrypted archive is read whole, as it was made.
 */

const MAX_MANIFEST_BYTES = 1024 * 1024;
const MAX_ENTRIES = 100_000;
/** The longest case.json a reader can parse: V8's longest string is about 2^29 characters. */
export const MAX_CASE_JSON_BYTES = 512 * 1024 * 1024;
const HEAD = new Set(['manifest.json', 'signature.json']);

interface ZipEntryInfo {
  size: number;
  originalSize: number;
  compression: number;
}

export interface ZipCasefile {
  manifest: ManifestV1;
  payload: CasePayload;
  /** Attachment bytes by SHA-256, each checked against the signed manifest. */
  files: Map<string, Uint8Array>;
}

/**
 * Reads a decrypted format-1 archive: the zip directory and only manifest.json and
 * signature.json (capped), the Ed25519 signature over the manifest, refuses repeated, unlisted
 * or misstated entries, then extracts the listed parts (stored, so no larger than the file),
 * checks their SHA-256, and unpacks the case data no further than it states.
 */
export function readZipArchive(archive: Uint8Array, fileLength: number, trust: Trust, name = 'this file'): ZipCasefile {
  // age never makes a file larger than its ciphertext; the part sizes below are bounded by this.
  if (archive.length > fileLength) throw damaged('its encrypted content is larger than the file');
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
  const manifest = verifyHead(manifestBytes, signatureBytes, CASEFILE_ZIP_FORMAT_VERSION) as ManifestV1;
  const parts = checkParts(manifest, listed, archive.length);
  const entries = unzipWith(archive, (entry) => parts.has(entry.name));
  for (const part of manifest.parts) {
    const bytes = entries[part.path];
    if (!bytes) throw damaged(`${part.path} is missing`);
    if (bytes.length !== part.size || sha256Hex(bytes) !== part.sha256) throw damaged(`${part.path} does not match its SHA-256 in the signed manifest`);
  }
  const caseBytes = entries['case.json.gz'];
  if (!caseBytes) throw damaged('case.json.gz is missing');
  const caseJson = gunzipCaseData(caseBytes);
  // What parsing would build, before it is built: a few hundred KB can state half a GB of `[0],`.
  const refused = jsonParseRefusal(caseJson, `The case data in ${name}`, { maxContainers: containersFor(manifest.counts) });
  if (refused) throw refusedData(refused);
  const loose = LoosePayload.safeParse(parseJson(caseJson));
  const payload = loose.success ? validatePayload(loose.data, trust.alreadyHeld ?? (() => false)) : { ok: false as const, message: `${loose.error.issues[0]?.path.join('.') ?? ''}: ${loose.error.issues[0]?.message ?? 'invalid'}` };
  if (!payload.ok) throw invalidData(payload.message);
  const files = new Map<string, Uint8Array>();
  // Stored under their SHA-256, which the signed manifest vouches for: the bytes must be that hash too.
  for (const [name, bytes] of Object.entries(entries)) if (name.startsWith('attachments/') && sha256Hex(bytes) === name.slice(12)) files.set(name.slice(12), bytes);
  return { manifest, payload: payload.payload, files };
}

/**
 * The entries to extract: exactly the parts the signed manifest lists, each stored (not
 * compressed) at its stated size. Stored parts occupy their size in the archive, so together
 * they can be no larger than it; anything else is refused before a byte is extracted.
 */
function checkParts(manifest: ManifestV1, listed: ReadonlyMap<string, ZipEntryInfo>, archiveSize: number): Set<string> {
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
