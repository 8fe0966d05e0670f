import type { AttachmentService } from './attachment-service';

/**
 * An attachment of the open case as an HTTP response, for both hosts (the browser host's
 * `GET /attachments/<sha256>`, Electron's `app://casefile/attachments/<sha256>`): streamed from the
 * blob store, with byte ranges (video, PDF viewers seek), never loaded whole.
 *
 * Only types a browser shows without running anything are served inline (images other than SVG,
 * PDF, audio, video); everything else, and any `download` request, is served as a download. The
 * response carries its own sandboxing CSP, so even a mislabelled file cannot run as a page, and
 * only our own pages may frame it (the PDF viewer). A request a page of another site makes
 * (`Sec-Fetch-Site`) is refused even with a valid link: a leaked link is no use to another site.
 */
export interface AttachmentResponse {
  status: number;
  headers: Record<string, string>;
  /** Plaintext chunks, a message, or nothing (HEAD). */
  body: AsyncIterable<Buffer> | string | null;
}

const INLINE = /^(image\/(png|jpeg|gif|webp|avif|bmp)|application\/pdf|audio\/[\w.+-]+|video\/[\w.+-]+)$/;
const SHA256 = /^[0-9a-f]{64}$/;

const BASE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** What the browser says of who asks (`Sec-Fetch-Site`): our own pages, or the analyst (address bar, downloads). */
const OUR_OWN = new Set(['same-origin', 'none']);

export function attachmentResponse(attachments: AttachmentService, sha256: string, request: { method: string; range?: string | null; download: boolean; fetchSite?: string | null }): AttachmentResponse {
  if (request.method !== 'GET' && request.method !== 'HEAD') return message(405, 'GET only.');
  if (request.fetchSite && !OUR_OWN.has(request.fetchSite)) return message(403, 'Files of the case open only from Casefile Workbench itself.');
  if (!SHA256.test(sha256)) return message(404, 'Not found.');
  const found = attachments.find(sha256);
  if (!found) return message(404, 'That file is not in the open case.');
  const { attachment } = found;
  const size = attachment.size;
  const inline = !request.download && INLINE.test(attachment.mediaType);
  const headers: Record<string, string> = {
    ...BASE_HEADERS,
    'Content-Type': inline ? attachment.mediaType : 'application/octet-stream',
    'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${asciiName(attachment.name)}"; filename*=UTF-8''${encodeURIComponent(attachment.name)}`,
    'Accept-Ranges': 'bytes',
  };
  const range = parseRange(request.range ?? null, size);
  if (range === 'unsatisfiable') return { status: 416, headers: { ...BASE_HEADERS, 'Content-Range': `bytes */${size}` }, body: null };
  if (range) {
    headers['Content-Range'] = `bytes ${range.start}-${range.end - 1}/${size}`;
    headers['Content-Length'] = String(range.end - range.start);
    return { status: 206, headers, body: request.method === 'HEAD' ? null : attachments.read(sha256, range) };
  }
  headers['Content-Length'] = String(size);
  return { status: 200, headers, body: request.method === 'HEAD' ? null : attachments.read(sha256) };
}

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range; several ranges are answered whole (200). */
function parseRange(header: string | null, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    start = Math.max(0, size - suffix);
    end = size;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size : Math.min(size, Number(match[2]) + 1);
  }
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start >= size || start >= end) return 'unsatisfiable';
  return { start, end };
}

function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]|["\\]/g, '_');
}

function message(status: number, text: string): AttachmentResponse {
  return { status, headers: { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }, body: text };
}
