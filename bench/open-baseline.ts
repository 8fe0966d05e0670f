import { createDecipheriv } from 'node:crypto';
import { ByteReader } from '../src/main/store/byte-reader';
import { nodeFileSystem } from '../src/main/store/file-system';
import { deriveKek } from '../src/main/store/keys';
import { unwrapDataKey } from '../src/main/store/snapshot-format';
import { keyHeaderOf, readLayout } from '../src/main/store/snapshot-layout';

/**
 * The least any reader of a saved case must do, for an open figure to stand beside: scrypt,
 * read, decrypt and JSON.parse every segment of the snapshot, nothing else (no authentication
 * checks of ours, no assembling, no journal). Returns the time and how many values it parsed.
 */
export async function openBaseline(path: string, passphrase: string): Promise<{ ms: number; values: number }> {
  const started = performance.now();
  const handle = await nodeFileSystem.openRead(path);
  try {
    const reader = await ByteReader.over(handle);
    const layout = await readLayout(reader, path);
    const key = unwrapDataKey(await deriveKek(passphrase, layout.header.kdf), keyHeaderOf(layout));
    let values = 0;
    while (reader.remaining > 0) {
      const length = (await reader.take(4))!.readUInt32BE(0);
      const body = (await reader.take(length))!;
      const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(1, 13));
      const plain = decipher.update(body.subarray(13, body.length - 16));
      const parsed = JSON.parse(plain.toString('utf8')) as { r?: unknown[] };
      values += parsed.r?.length ?? 1;
    }
    return { ms: performance.now() - started, values };
  } finally {
    await handle.close();
  }
}
