/**
 * The `app://casefile/` protocol handler: serves the built renderer from disk with the same CSP
 * and security headers as the browser host. Written against the Fetch API's Request/Response
 * (what Electron's protocol.handle passes and expects) so it runs and is tested without Electron.
 */
import { Readable } from 'node:stream';
import { attachmentResponse } from '../../services/attachment-http';
import type { AttachmentService } from '../../services/attachment-service';
import { SECURITY_HEADERS } from '../security-headers';
import { readRendererFile } from '../static-files';
import { APP_HOST, APP_SCHEME } from './policy';

/** `attachments` gives the open case's files once the services exist (`app://casefile/attachments/<sha256>`). */
export function createAppProtocolHandler(rendererDir: string, attachments: () => AttachmentService | null = () => null): (request: Request) => Promise<Response> {
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'Bad request.');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, 'Not found.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'GET only.');
    const kept = /^\/attachments\/([0-9a-f]{64})$/.exec(url.pathname);
    if (kept) {
      const service = attachments();
      if (!service) return plain(404, 'No case is open.');
      const answer = attachmentResponse(service, kept[1]!, { method: request.method, range: request.headers.get('range'), download: url.searchParams.get('download') === '1', fetchSite: request.headers.get('sec-fetch-site') });
      const body = answer.body === null || typeof answer.body === 'string' ? answer.body : (Readable.toWeb(Readable.from(answer.body)) as ReadableStream<Uint8Array>);
      return new Response(body, { status: answer.status, headers: answer.headers });
    }
    // readRendererFile decodes, normalises and refuses any path that would leave rendererDir.
    const file = await readRendererFile(rendererDir, url.pathname);
    if (!file) return plain(404, 'Not found.');
    const body = request.method === 'HEAD' ? null : new Uint8Array(file.body.buffer, file.body.byteOffset, file.body.byteLength);
    return new Response(body as BodyInit | null, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': file.type } });
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}
