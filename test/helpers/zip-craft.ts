import { crc32 } from 'node:zlib';

/** Small zip builders for hostile-file tests, free of vitest so child processes can use them. */

export interface LocalEntry {
  name: string;
  /** The entry's bytes as they sit in the zip (raw deflate when `method` is 8). */
  data: Uint8Array;
  method: 0 | 8;
  /** The uncompressed size the headers state. */
  size: number;
  /** Defaults to the CRC-32 of `data` (right for stored entries; tests do not check it otherwise). */
  crc?: number;
}

/** A central-directory record: which local entry it points at, and what it claims about it. */
export interface DirectoryEntry {
  local: number;
  name?: string;
  size?: number;
}

/**
 * Builds a zip whose central directory may repeat, rename or misstate local entries, as a
 * crafted file would: several records can point at the same compressed bytes.
 */
export function craftZip(locals: readonly LocalEntry[], directory: readonly DirectoryEntry[] = locals.map((_, local) => ({ local }))): Uint8Array {
  const chunks: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of locals) {
    const name = Buffer.from(entry.name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(entry.method, 8);
    header.writeUInt32LE(entry.crc ?? crc32(entry.data), 14);
    header.writeUInt32LE(entry.data.length, 18);
    header.writeUInt32LE(entry.size, 22);
    header.writeUInt16LE(name.length, 26);
    offsets.push(offset);
    chunks.push(header, name, Buffer.from(entry.data));
    offset += header.length + name.length + entry.data.length;
  }
  const directoryStart = offset;
  for (const record of directory) {
    const entry = locals[record.local];
    if (!entry) throw new Error(`no local entry ${record.local}`);
    const name = Buffer.from(record.name ?? entry.name);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(entry.method, 10);
    header.writeUInt32LE(entry.crc ?? crc32(entry.data), 16);
    header.writeUInt32LE(entry.data.length, 20);
    header.writeUInt32LE(record.size ?? entry.size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offsets[record.local] ?? 0, 42);
    chunks.push(header, name);
    offset += header.length + name.length;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(directory.length, 8);
  end.writeUInt16LE(directory.length, 10);
  end.writeUInt32LE(offset - directoryStart, 12);
  end.writeUInt32LE(directoryStart, 16);
  chunks.push(end);
  return new Uint8Array(Buffer.concat(chunks));
}
