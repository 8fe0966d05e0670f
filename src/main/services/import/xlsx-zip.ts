import { open, type FileHandle } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import { SheetBounds } from './xlsx-sheet-bounds';
import { XlsxZipError } from './xlsx-zip-error';

/**
 * An XLSX is a zip, and a small zip can unpack to gigabytes. exceljs's streaming reader trusts
 * whatever the local headers say and keeps xl/sharedStrings.xml whole in memory, so it never
 * sees the original file: we read the zip directory, check what each entry states against our
 * limits, and hand exceljs a rebuilt zip of just the entries it needs, stored (not compressed),
 * each unpacked here no further than its stated size. The worksheet's cell references are
 * bounded on the way (xlsx-sheet-bounds.ts).
 */

const MIB = 1024 * 1024;
/** What the reader keeps in memory: relationships, workbook, shared strings, styles. */
export const MAX_XLSX_HELD_BYTES = 128 * MIB;
/** All that is unpacked, the first worksheet included (streamed row by row). */
export const MAX_XLSX_TOTAL_BYTES = 1024 * MIB;
const MAX_DIRECTORY_BYTES = 16 * MIB;
const HELD = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];
const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;
const READ_CHUNK = 256 * 1024;
const PAD_CHUNK = 4 * 1024;

export { XlsxZipError };

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

export interface GuardedXlsx {
  /** The rebuilt zip for exceljs. It ends early when an entry breaks a limit; `failure` then says why. */
  stream: Readable;
  /** Bytes of the original file read so far (for progress). */
  readonly bytesRead: number;
  readonly failure: XlsxZipError | null;
  /** Settles with the failure as soon as one is found, so the reader need not wait for exceljs to notice. */
  readonly failed: Promise<XlsxZipError>;
  /** Stops reading and releases the file (also when the stream was never read). */
  close(): Promise<void>;
}

/** Checks the zip directory of `path` and returns the rebuilt zip's stream, or throws XlsxZipError. */
export async function guardXlsx(path: string): Promise<GuardedXlsx> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const entries = await readDirectory(handle, size);
    const chosen = chooseEntries(entries);
    let bytesRead = 0;
    let failure: XlsxZipError | null = null;
    let announce: (failure: XlsxZipError) => void = () => undefined;
    const failed = new Promise<XlsxZipError>((resolve) => (announce = resolve));
    let closed = false;
    const release = async (): Promise<void> => {
      if (closed) return;
      closed = true;
      await handle.close();
    };
    async function* rebuilt(): AsyncGenerator<Buffer> {
      const written: Array<{ entry: ZipEntry; offset: number }> = [];
      let offset = 0;
      let current: { entry: ZipEntry; sent: number } | null = null;
      try {
        for (const entry of chosen) {
          const header = localHeader(entry);
          written.push({ entry, offset });
          yield header;
          offset += header.length;
          current = { entry, sent: 0 };
          // The worksheet's cell references are checked before exceljs lays its rows out.
          const bounds = WORKSHEET.test(entry.name) ? new SheetBounds(entry.name) : null;
          for await (const chunk of unpacked(handle, entry, (n) => (bytesRead += n))) {
            bounds?.check(chunk);
            current.sent += chunk.length;
            offset += chunk.length;
            yield chunk;
          }
          current = null;
        }
        yield centralDirectory(written, offset);
      } catch (error) {
        failure = error instanceof XlsxZipError ? error : new XlsxZipError(`it cannot be read (${(error as Error)?.message ?? String(error)})`);
        announce(failure);
        // exceljs must not wait forever: a stream that fails or ends inside an entry leaves it
        // waiting for that entry's end. So the entry is completed with NUL bytes (which no XML
        // parser accepts) and followed by bytes that are no zip record: exceljs then fails, and
        // the reader reports `failure` instead. Entries never exceed their checked stated size.
        // The reader stops at `failed` without waiting: the padding goes in small pieces (exceljs's
        // parser reports every NUL of a piece), and stops when the reader closes the stream.
        if (current) {
          for (let left = current.entry.size - current.sent; left > 0; left -= PAD_CHUNK) yield Buffer.alloc(Math.min(left, PAD_CHUNK));
        }
        yield Buffer.from('END!', 'latin1');
      } finally {
        await release();
      }
    }
    const stream = Readable.from(rebuilt(), { objectMode: false });
    return {
      stream,
      get bytesRead() {
        return bytesRead;
      },
      get failure() {
        return failure;
      },
      failed,
      async close() {
        stream.destroy();
        await release();
      },
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function readDirectory(handle: FileHandle, size: number): Promise<ZipEntry[]> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(handle, size - tailLength, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new XlsxZipError('it is not a zip archive, so not an XLSX workbook');
  const count = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) throw new XlsxZipError('it is a ZIP64 archive, larger than an import reads');
  if (directorySize > MAX_DIRECTORY_BYTES || directoryOffset + directorySize > size) throw new XlsxZipError('its zip directory is damaged');
  const directory = await readAt(handle, directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== 0x02014b50) throw new XlsxZipError('its zip directory is damaged');
    const nameLength = directory.readUInt16LE(at + 28);
    const name = directory.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (names.has(name)) throw new XlsxZipError(`its zip directory lists ${name} more than once`);
    names.add(name);
    entries.push({
      name,
      flags: directory.readUInt16LE(at + 8),
      method: directory.readUInt16LE(at + 10),
      crc: directory.readUInt32LE(at + 16),
      compressedSize: directory.readUInt32LE(at + 20),
      size: directory.readUInt32LE(at + 24),
      offset: directory.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
  }
  return entries;
}

/** The entries exceljs needs, held parts first (so no worksheet waits in a temp file), then the first worksheet. */
function chooseEntries(entries: readonly ZipEntry[]): ZipEntry[] {
  const held = HELD.flatMap((name) => entries.filter((e) => e.name === name));
  const sheet = entries.filter((e) => WORKSHEET.test(e.name)).sort((a, b) => a.offset - b.offset)[0];
  const chosen = sheet ? [...held, sheet] : held;
  for (const entry of chosen) {
    if (entry.flags & 1) throw new XlsxZipError(`${entry.name} is encrypted; save the workbook without a password`);
    if (entry.method !== 0 && entry.method !== 8) throw new XlsxZipError(`${entry.name} uses a compression method (${entry.method}) XLSX does not use`);
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) throw new XlsxZipError(`${entry.name} is a ZIP64 entry, larger than an import reads`);
  }
  const heldBytes = held.reduce((sum, e) => sum + e.size, 0);
  if (heldBytes > MAX_XLSX_HELD_BYTES) {
    const largest = [...held].sort((a, b) => b.size - a.size)[0];
    throw new XlsxZipError(`${largest?.name ?? 'its workbook parts'} unpacks to ${megabytes(largest?.size ?? heldBytes)} MB, more than an import keeps in memory (${megabytes(MAX_XLSX_HELD_BYTES)} MB)`);
  }
  const total = chosen.reduce((sum, e) => sum + e.size, 0);
  if (total > MAX_XLSX_TOTAL_BYTES) {
    throw new XlsxZipError(`${sheet?.name ?? 'its first worksheet'} and the workbook parts unpack to ${megabytes(total)} MB, more than an import reads (${megabytes(MAX_XLSX_TOTAL_BYTES)} MB)`);
  }
  return chosen;
}

/** An entry's bytes, unpacked no further than its stated size, checked against its stated size and CRC. */
async function* unpacked(handle: FileHandle, entry: ZipEntry, onRead: (bytes: number) => void): AsyncGenerator<Buffer> {
  const local = await readAt(handle, entry.offset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) throw new XlsxZipError(`${entry.name} is not where its zip directory says`);
  const start = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const raw = Readable.from(compressed(handle, start, entry.compressedSize, onRead));
  const source = entry.method === 8 ? pipeline(raw, createInflateRaw(), () => undefined) : raw;
  let size = 0;
  let crc = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (size + chunk.length > entry.size) {
        // Send what was stated, so the rebuilt entry is whole, then stop.
        if (size < entry.size) yield chunk.subarray(0, entry.size - size);
        throw new XlsxZipError(`${entry.name} unpacks to more than the ${entry.size} bytes its zip directory states`);
      }
      size += chunk.length;
      crc = crc32(chunk, crc);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof XlsxZipError) throw error;
    throw new XlsxZipError(`${entry.name} cannot be unpacked (${(error as Error)?.message ?? String(error)})`);
  } finally {
    source.destroy();
  }
  if (size !== entry.size || (crc >>> 0) !== entry.crc) throw new XlsxZipError(`${entry.name} does not match the size and checksum its zip directory states`);
}

async function* compressed(handle: FileHandle, start: number, length: number, onRead: (bytes: number) => void): AsyncGenerator<Buffer> {
  for (let done = 0; done < length; ) {
    const chunk = await readAt(handle, start + done, Math.min(READ_CHUNK, length - done));
    if (chunk.length === 0) throw new XlsxZipError('the file ends inside a zip entry');
    done += chunk.length;
    onRead(chunk.length);
    yield chunk;
  }
}

function localHeader(entry: ZipEntry): Buffer {
  const name = Buffer.from(entry.name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(0x0800, 6); // UTF-8 name
  header.writeUInt32LE(entry.crc, 14);
  header.writeUInt32LE(entry.size, 18);
  header.writeUInt32LE(entry.size, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name]);
}

function centralDirectory(written: ReadonlyArray<{ entry: ZipEntry; offset: number }>, start: number): Buffer {
  const records = written.map(({ entry, offset }) => {
    const name = Buffer.from(entry.name, 'utf8');
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x0800, 8);
    record.writeUInt32LE(entry.crc, 16);
    record.writeUInt32LE(entry.size, 20);
    record.writeUInt32LE(entry.size, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    return Buffer.concat([record, name]);
  });
  const body = Buffer.concat(records);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(records.length, 8);
  end.writeUInt16LE(records.length, 10);
  end.writeUInt32LE(body.length, 12);
  end.writeUInt32LE(start, 16);
  return Buffer.concat([body, end]);
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return buffer.subarray(0, done);
}

function megabytes(bytes: number): number {
  return Math.round(bytes / MIB);
}
