/**
 * The plain POSIX ustar subset a format-2 `.casefile` uses: regular files only, names under 100
 * bytes, sizes under 8 GiB, every field fixed but name and size (mode 0644, owner 0, mtime
 * 1980-01-01, as format 1's zip). A reader can therefore rebuild the exact header a part must
 * have from its name and size, and refuse any other byte — nothing in the archive is unchecked.
 * `tar t` and `tar x` read it.
 */
export const TAR_BLOCK = 512;
/** The largest entry: 11 octal digits of size. */
export const MAX_TAR_ENTRY = 8 ** 11 - 1;
/** Two zero blocks end the archive. */
export const TAR_END = Buffer.alloc(2 * TAR_BLOCK);
/** 1980-01-01T00:00:00Z, the zip epoch format 1 used. */
const MTIME = 315_532_800;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** The header block of one entry. */
export function tarHeader(name: string, size: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length === 0 || nameBytes.length >= 100) throw new RangeError(`tar entry name "${name}" must be 1–99 bytes`);
  if (!Number.isSafeInteger(size) || size < 0 || size > MAX_TAR_ENTRY) throw new RangeError(`tar entry ${name} is ${size} bytes; at most ${MAX_TAR_ENTRY}`);
  const block = Buffer.alloc(TAR_BLOCK);
  nameBytes.copy(block, 0);
  block.write(octal(0o644, 8), 100, 'latin1');
  block.write(octal(0, 8), 108, 'latin1');
  block.write(octal(0, 8), 116, 'latin1');
  block.write(octal(size, 12), 124, 'latin1');
  block.write(octal(MTIME, 12), 136, 'latin1');
  block.write('        ', 148, 'latin1'); // the checksum counts its own field as spaces
  block.write('0', 156, 'latin1');
  block.write('ustar\0', 257, 'latin1');
  block.write('00', 263, 'latin1');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

/** Zero bytes after an entry of `size` bytes, up to the next block. */
export function tarPadding(size: number): number {
  return (TAR_BLOCK - (size % TAR_BLOCK)) % TAR_BLOCK;
}

/** The length of an archive of entries of these sizes. */
export function tarLength(sizes: readonly number[]): number {
  return sizes.reduce((sum, size) => sum + TAR_BLOCK + size + tarPadding(size), 0) + TAR_END.length;
}

export type TarBlock = { kind: 'end' } | { kind: 'entry'; name: string; size: number } | { kind: 'foreign' };

/**
 * What a header block says: the end (all zeros), an entry exactly as `tarHeader` writes it, or
 * anything else (another tool's header, a link, a long name, altered bytes), which a reader refuses.
 */
export function readTarHeader(block: Buffer): TarBlock {
  if (block.length !== TAR_BLOCK) return { kind: 'foreign' };
  if (block.every((byte) => byte === 0)) return { kind: 'end' };
  const nameEnd = block.indexOf(0);
  if (nameEnd <= 0 || nameEnd >= 100) return { kind: 'foreign' };
  const name = block.toString('utf8', 0, nameEnd);
  const sizeField = block.toString('latin1', 124, 135);
  if (!/^[0-7]{11}$/.test(sizeField)) return { kind: 'foreign' };
  const size = parseInt(sizeField, 8);
  try {
    return tarHeader(name, size).equals(block) ? { kind: 'entry', name, size } : { kind: 'foreign' };
  } catch {
    return { kind: 'foreign' };
  }
}
