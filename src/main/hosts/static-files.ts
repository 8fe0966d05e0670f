import { promises as fsp } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { MIME_TYPES } from './security-headers';

/** Resolves a URL path inside the renderer folder, refusing anything that would leave it. */
export async function readRendererFile(rendererDir: string, urlPath: string): Promise<{ body: Buffer; type: string } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : normalize(decoded).replace(/^([/\\])+/, '');
  const root = resolve(rendererDir);
  const file = resolve(join(root, relative));
  if (file !== root && !file.startsWith(root + sep)) return null;
  try {
    const body = await fsp.readFile(file);
    return { body, type: MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
