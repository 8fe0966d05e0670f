/**
 * The `app://casefile/` protocol handler: serves the built renderer from disk with the same CSP
 * and security headers as the browser host. Written against the Fetch API's Request/Response
 * (what Electron's protocol.handle passes and expects) so it runs and is tested without Electron.
 */
import { SECURITY_HEADERS } from '../security-headers';
import { readRendererFile } from '../static-files';
import { APP_HOST, APP_SCHEME } from './policy';

export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'Bad request.');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, 'Not found.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'GET only.');
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
