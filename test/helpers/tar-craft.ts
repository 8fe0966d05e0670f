import { TAR_BLOCK, TAR_END, tarHeader, tarPadding } from '../../src/main/services/exchange/tar';

/** Small tar builders for hostile-file tests, free of vitest so child processes can use them. */

export interface CraftedEntry {
  name: string;
  /** The bytes that follow the header (may be fewer than `size` states: a reader must not get that far). */
  data: Uint8Array;
  /** The size the header states; defaults to the data's length. */
  size?: number;
}

/** A tar archive of `entries` with headers as the format writes them, each padded, then the end blocks. */
export function craftTar(entries: readonly CraftedEntry[]): Uint8Array {
  const pieces: Buffer[] = [];
  for (const entry of entries) {
    pieces.push(tarHeader(entry.name, entry.size ?? entry.data.length), Buffer.from(entry.data), Buffer.alloc(tarPadding(entry.data.length)));
  }
  pieces.push(TAR_END);
  return new Uint8Array(Buffer.concat(pieces));
}

export { TAR_BLOCK };
