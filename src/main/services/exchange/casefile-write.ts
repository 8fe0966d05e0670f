import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname } from 'node:path';
import type { StoredAttachment } from '../../../shared/domain/attachment';
import { CURRENT_SCHEMA_VERSION, type CaseDocument } from '../../../shared/domain/case';
import type { EventFilter } from '../../../shared/domain/filters';
import type { AnyRecord } from '../../../shared/domain/collections';
import type { Marking } from '../../../shared/domain/marking';
import { CASEFILE_FORMAT_VERSION, EXCHANGED, RECORDS_PART, exportCap, filesForExport, selectForExport, type ManifestPart, type ManifestV2, type RecordsPart, type Signature } from '../../../shared/exchange';
import { BlobStore } from '../../store/blobs';
import type { FileSystem } from '../../store/file-system';
import { StoreError } from '../../store/store-error';
import { outputError, writeOutputStream } from '../output-file';
import type { EncryptTo } from './age';
import { ageFileSize, ageSealer } from './age-stream';
import { newVersionHasher } from './hashing';
import { signBytes, type OwnIdentity } from './identity';
import { exportPayload } from './payload';
import { gzipped, ndjsonBatches, type LineStats } from './records-part';
import { TAR_END, tarHeader, tarLength, tarPadding } from './tar';
import { createWorkFolder, sweepWorkFolders } from './work-folder';

/** The case's files, as the blob store keeps them: verified plaintext by SHA-256, and its size. */
export interface CaseFiles {
  read(sha256: string): AsyncIterable<Uint8Array>;
  stat(sha256: string): Promise<{ size: number } | null>;
}

export interface ExportProgress {
  /** 'records': serialising and compressing the records (done/total in records); 'writing': the file (in bytes). */
  phase: 'records' | 'writing';
  done: number;
  total: number;
}

export interface ExportRequest {
  /** Version hashes; pass a long-lived one to reuse hashes of unchanged records. */
  versionOf?: (record: AnyRecord) => string;
  doc: CaseDocument;
  /** The case's files (its blob store); needed when the selection carries any. */
  files?: CaseFiles | null;
  identity: OwnIdentity;
  sequence: number;
  maxMarking: Marking;
  filter?: EventFilter;
  to: EncryptTo;
  now?: Date;
  /** Cancels the export (CANCELLED); nothing is left behind. */
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
}

export interface ExportPreview {
  counts: Record<(typeof EXCHANGED)[number], number>;
  /** Files the export carries, and their total size in bytes. */
  attachments: number;
  attachmentBytes: number;
  leftOut: ReturnType<typeof selectForExport>['leftOut'];
}

export interface WrittenCasefile {
  manifest: ManifestV2;
  preview: ExportPreview;
  /** Bytes written. */
  size: number;
}

const encoder = new TextEncoder();

/** What would leave and what would stay behind (records and files), without writing anything. */
export function previewExport(doc: CaseDocument, maxMarking: Marking, filter?: EventFilter): ExportPreview {
  const { records, leftOut } = selectForExport(doc, maxMarking, filter);
  const files = filesForExport(doc, records, filter !== undefined);
  return { counts: countsOf(records), attachments: files.files.length, attachmentBytes: files.bytes, leftOut: [...leftOut, ...files.leftOut] };
}

/**
 * Writes a `.casefile` (format 2) to `out`, whole or not at all: age( tar( manifest.json,
 * signature.json, records.ndjson.gz, attachments/<sha256>… ) ), streamed end to end. The
 * manifest comes first and holds every part's SHA-256, so the records are compressed first
 * into a work file beside `out` (sealed under a key that exists only in memory, removed
 * afterwards); the files' SHA-256 are their blob names. Layout in docs/exchange-format.md.
 */
export async function writeCasefile(request: ExportRequest & { out: string; overwrite: boolean; fs?: FileSystem }): Promise<WrittenCasefile> {
  const { out } = request;
  let prepared: PreparedCasefile | null = null;
  try {
    prepared = await prepareCasefile(request, { dir: dirname(out), prefix: `.${basename(out)}`, out });
    const size = await writeOutputStream(out, prepared.bytes(), { overwrite: request.overwrite, ...(request.fs ? { fs: request.fs } : {}) });
    return { manifest: prepared.manifest, preview: prepared.preview, size };
  } catch (error) {
    throw outputError(error, out);
  } finally {
    await prepared?.dispose();
  }
}

/** The whole file in memory: for tests and small cases (the work file goes to the system's temp folder). */
export async function casefileBytes(request: ExportRequest): Promise<{ bytes: Uint8Array; manifest: ManifestV2; preview: ExportPreview }> {
  const prepared = await prepareCasefile(request, { dir: tmpdir(), prefix: '.casefile' });
  try {
    const pieces: Buffer[] = [];
    for await (const piece of prepared.bytes()) pieces.push(piece);
    return { bytes: new Uint8Array(Buffer.concat(pieces)), manifest: prepared.manifest, preview: prepared.preview };
  } finally {
    await prepared.dispose();
  }
}

interface PreparedCasefile {
  manifest: ManifestV2;
  preview: ExportPreview;
  /** The exact length of the file. */
  size: number;
  /** The encrypted file, in pieces of about 1 MiB. */
  bytes(): AsyncGenerator<Buffer, void, undefined>;
  /** Removes the work folder. */
  dispose(): Promise<void>;
}

/** Where the work folder goes: `<dir>/<prefix>.<hex>.parts`; its failures are named as failures to write `out`. */
interface WorkPlace {
  dir: string;
  prefix: string;
  out?: string;
}

/**
 * The first pass: selection, files' sizes from the blob store, the records compressed into the
 * work folder, the manifest signed. `bytes()` is the second pass.
 */
async function prepareCasefile(request: ExportRequest, place: WorkPlace): Promise<PreparedCasefile> {
  const { doc, identity, signal } = request;
  const versionOf = request.versionOf ?? newVersionHasher();
  const { records, leftOut, payload } = exportPayload(doc, request.maxMarking, request.filter, versionOf);
  const selection = filesForExport(doc, records, request.filter !== undefined);
  const files = await sizedFiles(selection.files, request.files ?? null);
  // Work folders that killed exports left here go first; a live export's (here or elsewhere) stays.
  await sweepWorkFolders(place.dir);
  const spoolDir = await createWorkFolder(place.dir, place.prefix);
  // The records, once, into a blob sealed under a throwaway key: read back verified in the second pass.
  const spool = new BlobStore(spoolDir, randomBytes(32));
  const dispose = () => rm(spoolDir, { recursive: true, force: true });
  try {
    const stats: LineStats = { lines: 0, bytes: 0 };
    const totalLines = EXCHANGED.reduce((sum, c) => sum + records[c].length, 0) + payload.tombstones.length;
    const onLine = (lines: number) => request.onProgress?.({ phase: 'records', done: lines, total: totalLines });
    const spooled = await spool.add(gzipped(ndjsonBatches(payload, stats, onLine)), signal ? { signal } : {}).catch((error: unknown) => {
      throw workFolderError(error, place);
    });
    const recordsPart: RecordsPart = { kind: 'records', path: RECORDS_PART, size: spooled.size, sha256: spooled.sha256, unpackedSize: stats.bytes, lines: stats.lines };
    const parts: ManifestPart[] = [recordsPart, ...files.map((f): ManifestPart => ({ kind: 'attachment', path: `attachments/${f.sha256}`, size: f.size, sha256: f.sha256 }))];
    const manifest: ManifestV2 = {
      format: 'casefile',
      formatVersion: CASEFILE_FORMAT_VERSION,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      author: { name: identity.name, signingKey: identity.signingKey, ageRecipient: identity.ageRecipient },
      createdAt: (request.now ?? new Date()).toISOString(),
      sequence: request.sequence,
      case: { id: doc.id, name: doc.name },
      scope: { maxMarking: exportCap(request.maxMarking, request.filter), selection: request.filter ? 'filtered' : 'whole-case' },
      counts: countsOf(records),
      parts,
    };
    const manifestBytes = encoder.encode(JSON.stringify(manifest, null, 2));
    const signature: Signature = { algorithm: 'ed25519', signingKey: identity.signingKey, signature: signBytes(identity, manifestBytes) };
    const signatureBytes = encoder.encode(JSON.stringify(signature, null, 2));
    const entries: TarEntry[] = [
      { name: 'manifest.json', size: manifestBytes.length, body: () => onePiece(manifestBytes) },
      { name: 'signature.json', size: signatureBytes.length, body: () => onePiece(signatureBytes) },
      { name: RECORDS_PART, size: recordsPart.size, body: () => spool.read(recordsPart.sha256) },
      ...files.map((f): TarEntry => ({ name: `attachments/${f.sha256}`, size: f.size, body: () => caseFiles(request.files).read(f.sha256) })),
    ];
    const sealer = await ageSealer(request.to);
    const archiveSize = tarLength(entries.map((e) => e.size));
    const preview: ExportPreview = { counts: countsOf(records), attachments: files.length, attachmentBytes: selection.bytes, leftOut: [...leftOut, ...selection.leftOut] };
    return {
      manifest,
      preview,
      size: ageFileSize(sealer.header.length, archiveSize),
      bytes: () => sealer.seal(tarStream(entries, archiveSize, request)),
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

interface TarEntry {
  name: string;
  size: number;
  body: () => AsyncIterable<Uint8Array>;
}

/** The archive: each entry's header, its bytes (exactly its stated size), padding; then the end blocks. */
async function* tarStream(entries: readonly TarEntry[], total: number, request: ExportRequest): AsyncGenerator<Uint8Array, void, undefined> {
  let done = 0;
  const progress = (n: number) => {
    done += n;
    request.onProgress?.({ phase: 'writing', done, total });
  };
  for (const entry of entries) {
    const header = tarHeader(entry.name, entry.size);
    yield header;
    progress(header.length);
    let got = 0;
    for await (const piece of entry.body()) {
      if (request.signal?.aborted) throw new StoreError('CANCELLED', 'The export was cancelled; nothing was written.');
      got += piece.length;
      if (got > entry.size) break;
      yield piece;
      progress(piece.length);
    }
    if (got !== entry.size) throw new StoreError('CORRUPT_STORE', `${entry.name} changed while it was being written (${got} bytes where ${entry.size} were expected); nothing was written. Export again.`);
    const padding = tarPadding(entry.size);
    if (padding > 0) {
      yield Buffer.alloc(padding);
      progress(padding);
    }
  }
  yield TAR_END;
  progress(TAR_END.length);
}

/** The files with their sizes from the blob store: a missing file refuses the export before anything is written. */
async function sizedFiles(files: readonly StoredAttachment[], store: CaseFiles | null): Promise<Array<{ sha256: string; size: number }>> {
  const sized: Array<{ sha256: string; size: number }> = [];
  for (const file of files) {
    const stat = await caseFiles(store).stat(file.sha256);
    if (!stat) throw new StoreError('NOT_FOUND', `The file “${file.name}” (${file.sha256.slice(0, 12)}…) is missing from the case's blob folder, so the export stops. Restore the case folder's .blobs from a copy, attach the file again, or leave its source out (a filter or a lower marking).`);
    if (stat.size !== file.size) throw new StoreError('CORRUPT_STORE', `The file “${file.name}” kept for this case is ${stat.size} bytes where its record says ${file.size}; the export stops. Restore the case folder's .blobs from a copy.`);
    sized.push({ sha256: file.sha256, size: stat.size });
  }
  return sized;
}

/** The work folder's system errors (a missing folder, a full disk) as errors writing the file asked for. */
function workFolderError(error: unknown, place: WorkPlace): unknown {
  if (!(error instanceof StoreError) || !place.out) return error;
  if (error.code === 'CANCELLED') return new StoreError('CANCELLED', 'The export was cancelled; nothing was written.');
  const errno = { NOT_FOUND: 'ENOENT', DISK_FULL: 'ENOSPC', PERMISSION_DENIED: 'EACCES', IO: 'EIO' }[error.code as string];
  return errno ? outputError(Object.assign(new Error(error.message), { code: errno }), place.out) : error;
}

function caseFiles(store: CaseFiles | null | undefined): CaseFiles {
  if (!store) throw new StoreError('INTERNAL', 'The export carries files, but was given no blob store to read them from.');
  return store;
}

async function* onePiece(bytes: Uint8Array): AsyncGenerator<Uint8Array, void, undefined> {
  yield bytes;
}

function countsOf(records: ReturnType<typeof selectForExport>['records']): ExportPreview['counts'] {
  return Object.fromEntries(EXCHANGED.map((c) => [c, records[c].length])) as ExportPreview['counts'];
}
