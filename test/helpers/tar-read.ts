import { Readable } from 'node:stream';
import { extract } from 'tar-stream';

/**
 * The entries of a tar archive, in order, read by tar-stream: a parser independent of ours, so
 * a test sees the archive as other tools do.
 */
export async function untar(archive: Uint8Array): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  const reader = extract();
  Readable.from([Buffer.from(archive)]).pipe(reader);
  for await (const entry of reader) {
    const pieces: Buffer[] = [];
    for await (const piece of entry) pieces.push(piece as Buffer);
    entries.set(entry.header.name, Buffer.concat(pieces));
  }
  return entries;
}
