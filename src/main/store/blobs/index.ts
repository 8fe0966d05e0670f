/** The blob store: a case's files kept as encrypted, content-addressed blobs (see blob-store.ts). */
export { BlobStore, blobsPathOf, DEFAULT_SWEEP_GRACE_MS, type AddOptions, type AddResult, type BlobBatch, type SweepOptions } from './blob-store';
export type { ExportOptions } from './export-file';
export type { ByteRange } from './open-stream';
export type { BlobSource } from './sources';
export type { SweepResult } from './sweep';
