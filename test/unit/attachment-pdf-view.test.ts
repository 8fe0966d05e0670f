import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../src/main/app-services';
import { startBrowserServer, type BrowserServer } from '../../src/main/hosts/browser-server';
import { createAppProtocolHandler } from '../../src/main/hosts/electron/app-protocol';
import { isAllowedRequestUrl, PDF_VIEWER_ORIGIN } from '../../src/main/hosts/electron/policy';
import { attachmentHandlers } from '../../src/main/ipc/handlers/attachments';
import type { HandlerContext } from '../../src/main/ipc/handlers/context';
import { appPaths } from '../../src/main/services/app-paths';
import type { Attachment } from '../../src/shared/domain/source';
import type { Result } from '../../src/shared/ipc/result';
import { newCase, PASSPHRASE } from '../helpers/store';

/**
 * A PDF of the case shown in the app (issue #13, point 2): the app's page may frame its own
 * origin's file links, the file link may be framed only by our own pages, and a page of another
 * site cannot use a leaked link.
 */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const directives = (csp: unknown) => new Map(String(csp).split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values.join(' ')]));

let server: BrowserServer;
let services: AppServices;
let pdf: Attachment;
let link: string;
const bytes = Buffer.from(`%PDF-1.7 ${'x'.repeat(4000)}`);
const home = mkdtempSync(join(tmpdir(), 'cf-pdf-view-'));
const rendererDir = join(home, 'renderer');

beforeAll(async () => {
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
  services = createAppServices({
    paths: appPaths(home),
    version: 'test',
    host: { kind: 'browser', allowsTypedPaths: true, pickCaseFile: async () => null, chooseNewCasePath: async () => 'no-dialog', keychain: null },
    isTrustedSender: () => true,
  });
  server = await startBrowserServer({ services, rendererDir });
  value(await services.cases.create(join(home, 'c.cfcase'), PASSPHRASE, newCase()));
  const handlers = attachmentHandlers({ cases: services.cases, attachments: services.attachments, host: { attachmentQuery: (sha256: string) => `key=${server.attachmentKey(sha256)}` } } as unknown as HandlerContext);
  const { uploadId } = value(await handlers['attachments:begin-upload']({ name: 'report.pdf', mediaType: 'application/pdf', size: bytes.length }));
  value(await handlers['attachments:upload-chunk']({ uploadId, offset: 0, base64: bytes.toString('base64') }));
  pdf = value(await handlers['attachments:end-upload']({ uploadId })).attachment;
  link = value(await handlers['attachments:get']({ sha256: pdf.sha256 })).path;
});

afterAll(async () => {
  await services.cases.close();
  await server.close();
});

describe('showing a PDF of the case in the app', () => {
  it('the app’s page may frame its own origin (the PDF link) and nothing else, and embeds no plugin', async () => {
    const page = directives((await get(`${server.origin}/`)).headers['content-security-policy']);
    expect(page.get('frame-src')).toBe("'self'");
    expect(page.get('object-src')).toBe("'none'");
    expect(page.get('frame-ancestors')).toBe("'none'");
  });

  it('the PDF streams as application/pdf, sandboxed, and only our own pages may frame it', async () => {
    const reply = await get(`${server.origin}${link}`, { 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Dest': 'iframe' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/pdf');
    expect(reply.body.equals(bytes)).toBe(true);
    const csp = directives(reply.headers['content-security-policy']);
    expect(csp.has('sandbox')).toBe(true);
    expect(csp.get('frame-ancestors')).toBe("'self'");
    // The viewer seeks by byte ranges.
    const part = await get(`${server.origin}${link}`, { Range: 'bytes=0-9', 'Sec-Fetch-Site': 'same-origin' });
    expect(part.status).toBe(206);
    expect(part.body.equals(bytes.subarray(0, 10))).toBe(true);
  });

  it('a page of another site cannot frame, embed or fetch a leaked link, even with the right key', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const reply = await get(`${server.origin}${link}`, { 'Sec-Fetch-Site': site, 'Sec-Fetch-Dest': 'iframe' });
      expect(reply.status, site).toBe(403);
      expect(reply.body.includes(bytes.subarray(0, 20)), site).toBe(false);
    }
    // Typed into the address bar or opened by our own page: served.
    expect((await get(`${server.origin}${link}`, { 'Sec-Fetch-Site': 'none' })).status).toBe(200);
  });

  it('Electron: the same headers on app://, and the built-in PDF viewer (only it) may load', async () => {
    const handler = createAppProtocolHandler(rendererDir, () => services.attachments);
    const reply = await handler(new Request(`app://casefile/attachments/${pdf.sha256}`, { headers: { 'Sec-Fetch-Site': 'same-origin' } }));
    expect(reply.headers.get('content-type')).toBe('application/pdf');
    expect(directives(reply.headers.get('content-security-policy')).get('frame-ancestors')).toBe("'self'");
    const foreign = await handler(new Request(`app://casefile/attachments/${pdf.sha256}`, { headers: { 'Sec-Fetch-Site': 'cross-site' } }));
    expect(foreign.status).toBe(403);
    expect(isAllowedRequestUrl(`${PDF_VIEWER_ORIGIN}/index.html`)).toBe(true);
    expect(isAllowedRequestUrl('chrome://resources/cr_elements/cr_button/cr_button.js')).toBe(true);
    expect(isAllowedRequestUrl('chrome://settings/')).toBe(false);
    expect(isAllowedRequestUrl('chrome-extension://aaaabbbbccccddddeeeeffffgggghhhh/index.html')).toBe(false);
  });
});
