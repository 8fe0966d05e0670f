import type { AuditEntry } from '../domain/audit';

/** Which file a merge took its data from; written into the merge's audit entry summary. */
export interface Provenance {
  /** Fingerprint of the author's signing key. */
  author: string;
  sequence: number;
  /** SHA-256 of the received file (first 16 hex digits). */
  file: string;
  seq: number;
  at: string;
}

/** The machine-readable tail of a merge entry's summary: `[casefile author=… seq=… file=…]`. */
export function provenanceTag(author: string, sequence: number, fileSha256: string): string {
  return `[casefile author=${author} seq=${sequence} file=${fileSha256.slice(0, 16)}]`;
}

const TAG = /\[casefile author=([0-9a-f:]+) seq=(\d+) file=([0-9a-f]{16})\]$/;

/** Every merged file the history records, oldest first (undone merges included: they were merged once). */
export function parseProvenance(history: readonly AuditEntry[]): Provenance[] {
  const out: Provenance[] = [];
  for (const entry of history) {
    if (entry.kind !== 'merge') continue;
    const m = TAG.exec(entry.summary);
    if (m) out.push({ author: m[1] as string, sequence: Number(m[2]), file: m[3] as string, seq: entry.seq, at: entry.at });
  }
  return out;
}
