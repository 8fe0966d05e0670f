import { gzipSync } from 'node:zlib';
import { zipSync, type Zippable } from 'fflate';
import { attachmentId } from '../../../shared/domain/attachment';
import { CURRENT_SCHEMA_VERSION, type CaseDocument } from '../../../shared/domain/case';
import type { EventFilter } from '../../../shared/domain/filters';
import type { AnyRecord } from '../../../shared/domain/collections';
import { isWithinMarking, type Marking } from '../../../shared/domain/marking';
import { CASEFILE_FORMAT_VERSION, EXCHANGED, cutRecord, exportCap, keepsAt, recordHistories, selectForExport, type CasePayload, type Exchanged, type LeftOut, type Manifest, type RecordHistory, type Signature } from '../../../shared/exchange';
import { ageEncrypt, type EncryptTo } from './age';
import { newVersionHasher, sha256Hex } from './hashing';
import { signBytes, type OwnIdentity } from './identity';

export interface ExportRequest {
  /** Version hashes; pass a long-lived one to reuse hashes of unchanged records. */
  versionOf?: (record: AnyRecord) => string;
  doc: CaseDocument;
  /** The bytes of one of the case's files (from its blob store). */
  readAttachment: (sha256: string) => Promise<Uint8Array>;
  identity: OwnIdentity;
  sequence: number;
  maxMarking: Marking;
  filter?: EventFilter;
  to: EncryptTo;
  now?: Date;
}

export interface ExportPreview {
  counts: Record<(typeof EXCHANGED)[number], number>;
  attachments: number;
  leftOut: LeftOut[];
}

const encoder = new TextEncoder();

/** What would leave and what would stay behind, without writing anything. */
export function previewExport(doc: CaseDocument, maxMarking: Marking, filter?: EventFilter): ExportPreview {
  const { records, leftOut } = selectForExport(doc, maxMarking, filter);
  return { counts: countsOf(records), attachments: records.sources.filter((s) => s.attachment).length, leftOut };
}

/**
 * Builds a `.casefile`: a zip of manifest.json, signature.json, case.json.gz and attachments/<sha256>,
 * signed (Ed25519 over manifest.json, which holds the SHA-256 of every other part) and
 * age-encrypted. Layout in docs/exchange-format.md.
 */
export async function writeCasefile(request: ExportRequest): Promise<{ bytes: Uint8Array; manifest: Manifest; preview: ExportPreview }> {
  const { doc, identity } = request;
  const { records, leftOut } = selectForExport(doc, request.maxMarking, request.filter);
  const versionOf = request.versionOf ?? newVersionHasher();
  const exported = new Set(EXCHANGED.flatMap((c) => records[c].map((r) => r.id)));
  const histories = recordHistories(doc.history, versionOf);
  // Every listed hash is of a version as this file would carry it: cut down the same way as the
  // copies sent, and versions that would not leave at all are not listed (docs/exchange-format.md).
  const cap = exportCap(request.maxMarking, request.filter);
  const keeps = keepsAt(doc, cap);
  const cutHashes = (history: RecordHistory): string[] => {
    const out: string[] = [];
    for (const v of history.versions) {
      const cut = cutRecord(history.collection as Exchanged, v.record, cap, keeps);
      const hash = cut && versionOf(cut);
      if (hash && out.at(-1) !== hash) out.push(hash);
    }
    return out;
  };
  const versions: Record<string, string[]> = {};
  const tombstones: CasePayload['tombstones'] = [];
  for (const [id, history] of histories) {
    if (!(EXCHANGED as readonly string[]).includes(history.collection)) continue;
    if (exported.has(id)) versions[id] = cutHashes(history);
    else if (history.deleted) {
      const last = history.versions.at(-1)?.record;
      if (last && 'marking' in last && isWithinMarking(last.marking, cap)) tombstones.push({ collection: history.collection, id, versions: cutHashes(history) });
    }
  }
  for (const collection of EXCHANGED) {
    for (const record of records[collection]) {
      const list = (versions[record.id] ??= []);
      const current = versionOf(record);
      if (list.at(-1) !== current) list.push(current);
    }
  }
  const payload: CasePayload = { records, versions, tombstones };
  // Native gzip (several times faster than a JS deflate at 100k events), stored as is in the zip.
  const parts: Record<string, Uint8Array> = { 'case.json.gz': gzipSync(Buffer.from(JSON.stringify(payload)), { level: 6 }) };
  const stored = new Map(doc.attachments.map((a) => [a.id, a]));
  for (const source of records.sources) {
    const attachment = source.attachment && stored.get(attachmentId(source.attachment.sha256));
    if (attachment) parts[`attachments/${attachment.sha256}`] = await request.readAttachment(attachment.sha256);
  }
  const manifest: Manifest = {
    format: 'casefile',
    formatVersion: CASEFILE_FORMAT_VERSION,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    author: { name: identity.name, signingKey: identity.signingKey, ageRecipient: identity.ageRecipient },
    createdAt: (request.now ?? new Date()).toISOString(),
    sequence: request.sequence,
    case: { id: doc.id, name: doc.name },
    scope: { maxMarking: cap, selection: request.filter ? 'filtered' : 'whole-case' },
    counts: countsOf(records),
    parts: Object.entries(parts).map(([path, bytes]) => ({ path, size: bytes.length, sha256: sha256Hex(bytes) })),
  };
  const manifestBytes = encoder.encode(JSON.stringify(manifest, null, 2));
  const signature: Signature = { algorithm: 'ed25519', signingKey: identity.signingKey, signature: signBytes(identity, manifestBytes) };
  const zip: Zippable = { 'manifest.json': manifestBytes, 'signature.json': encoder.encode(JSON.stringify(signature, null, 2)) };
  for (const [path, bytes] of Object.entries(parts)) zip[path] = [bytes, { level: 0 }];
  const archive = zipSync(zip, { mtime: new Date('1980-01-01T00:00:00Z') });
  const bytes = await ageEncrypt(archive, request.to);
  return { bytes, manifest, preview: { counts: manifest.counts as ExportPreview['counts'], attachments: Object.keys(parts).length - 1, leftOut } };
}

function countsOf(records: CasePayload['records']): ExportPreview['counts'] {
  return Object.fromEntries(EXCHANGED.map((c) => [c, records[c].length])) as ExportPreview['counts'];
}
