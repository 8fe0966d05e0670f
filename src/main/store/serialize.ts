import { createCipheriv } from 'node:crypto';

/**
 * Serialising and sealing a large case in slices, giving the event loop a turn every few
 * milliseconds, so a save of 100,000 events does not freeze IPC for a second. Cloning the
 * document into a worker thread would cost as much main-thread time as serialising it.
 */
const SLICE_MS = 8;
const CHUNK_CHARS = 1 << 20;

class Slicer {
  private deadline = performance.now() + SLICE_MS;

  async maybeYield(): Promise<void> {
    if (performance.now() < this.deadline) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.deadline = performance.now() + SLICE_MS;
  }
}

/** The same bytes as `JSON.stringify(doc)` for a plain object, as UTF-8 chunks of about 1 MiB. */
export async function serializeInSlices(doc: object): Promise<Buffer[]> {
  const slicer = new Slicer();
  const chunks: Buffer[] = [];
  let pending: string[] = [];
  let pendingChars = 0;
  const flush = (): void => {
    if (pending.length === 0) return;
    chunks.push(Buffer.from(pending.join(''), 'utf8'));
    pending = [];
    pendingChars = 0;
  };
  const push = (text: string): void => {
    pending.push(text);
    pendingChars += text.length;
    if (pendingChars >= CHUNK_CHARS) flush();
  };

  push('{');
  let first = true;
  for (const [key, value] of Object.entries(doc)) {
    if (value === undefined || typeof value === 'function') continue;
    push(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    if (!Array.isArray(value)) {
      push(JSON.stringify(value));
      continue;
    }
    push('[');
    for (let i = 0; i < value.length; i++) {
      // JSON.stringify writes null for undefined and functions inside arrays; so do we.
      push(`${i === 0 ? '' : ','}${JSON.stringify(value[i]) ?? 'null'}`);
      if ((i & 127) === 0) await slicer.maybeYield();
    }
    push(']');
  }
  push('}');
  flush();
  return chunks;
}

/** AES-256-GCM over the chunks in order; returns ciphertext chunks followed by the 16-byte tag. */
export async function sealInSlices(key: Buffer, nonce: Buffer, chunks: readonly Buffer[], aad: Buffer): Promise<Buffer[]> {
  const slicer = new Slicer();
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const out: Buffer[] = [];
  for (const chunk of chunks) {
    out.push(cipher.update(chunk));
    await slicer.maybeYield();
  }
  out.push(cipher.final(), cipher.getAuthTag());
  return out;
}
