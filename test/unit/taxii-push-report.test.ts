import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { createDispatch } from '../../src/main/ipc/guard';
import { createHandlers } from '../../src/main/ipc/handlers';
import { appPaths } from '../../src/main/services/app-paths';
import { AttachmentService } from '../../src/main/services/attachment-service';
import { CaseService } from '../../src/main/services/case-service';
import { RecentCases } from '../../src/main/services/recent-cases';
import { TaxiiService } from '../../src/main/services/taxii/taxii-service';
import { emptyCase, type CaseDocument } from '../../src/shared/domain/case';
import { TAXII_PAGE } from '../../src/shared/ipc/channels/taxii';
import { PASSPHRASE, removeTempDirs, tempDir } from '../helpers/store';
import { fakeTaxii, type FakeTaxii } from '../helpers/taxii-fake';

const trusted = { origin: 'http://127.0.0.1:1234' };
const servers: FakeTaxii[] = [];
const opened: CaseService[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const c of opened.splice(0)) await c.close();
});
afterAll(removeTempDirs);

async function openCase(name: string, doc: CaseDocument): Promise<CaseService> {
  const cases = new CaseService({ user: name, foldAfterIdleMs: 2 ** 31 - 1 });
  const created = await cases.create(join(tempDir(`taxii-report-${name}`), `${name}.cfcase`), PASSPHRASE, doc);
  if (!created.ok) throw new Error(created.error.message);
  opened.push(cases);
  return cases;
}

/** The IPC handlers of one window over `cases`, and a call that throws on an error value. */
function window(cases: CaseService) {
  const paths = appPaths(mkdtempSync(join(tmpdir(), 'cf-taxii-report-')));
  const handlers = createHandlers({
    cases,
    attachments: new AttachmentService(cases),
    recent: new RecentCases(paths.recentFile, paths.demoCase),
    paths,
    host: { kind: 'browser', allowsTypedPaths: true, pickCaseFile: async () => null, chooseNewCasePath: async () => 'no-dialog', keychain: null },
    version: '0.0.0-test',
    grantedPaths: new Set<string>(),
  });
  const dispatch = createDispatch(handlers, () => true);
  return async <T = Record<string, unknown>>(channel: string, request: unknown): Promise<T> => {
    const result = await dispatch(channel as never, request, trusted);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
}

type Pushed = { token: string; sent: number; sentObjects: Array<{ id: string; name: string }>; failedTotal: number; failed: Array<{ id: string; type: string; name: string; message: string }>; unknownTotal: number; unknown: Array<{ id: string; name: string }> };
type Page = { total: number; objects?: Array<{ id: string; name: string }>; added?: Array<{ id: string }>; unmapped?: Array<{ id: string }>; conflicts?: Array<{ key: string }> };

/** Every entry of a list, through taxii:review-page. */
async function allOf(call: ReturnType<typeof window>, token: string, list: string, key: 'objects' | 'added' | 'unmapped'): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += TAXII_PAGE) {
    const page = await call<Page>('taxii:review-page', { token, list, offset });
    const entries = (page[key] ?? []) as Array<{ id: string }>;
    ids.push(...entries.map((e) => e.id));
    if (offset + TAXII_PAGE >= page.total) {
      expect(ids.length).toBe(page.total);
      return ids;
    }
  }
}

describe('TAXII push report over IPC: exactly which objects went', () => {
  it('lists failed objects by name with the server’s reason, objects the status did not account for as unknown, and every sent object, page by page', async () => {
    let n = 0;
    const server = await fakeTaxii({ post: () => ({ status: 'complete', succeed: () => (++n % 10 === 0 ? 'failure' : n % 10 === 5 ? 'unlisted' : 'success') }) });
    servers.push(server);
    const cases = await openCase('report', buildDemoCase('2025-06-01T00:00:00.000Z'));
    const call = window(cases);
    const { id: connectionId } = await call<{ id: string }>('taxii:add-connection', { label: 'fake', discoveryUrl: server.url, auth: { kind: 'none' } });
    const pushed = await call<Pushed>('taxii:push', { connectionId, collectionId: 'c1', maxMarking: 'TLP:GREEN' });
    expect(pushed.failedTotal).toBeGreaterThan(10);
    expect(pushed.unknownTotal).toBeGreaterThan(10);
    // Failed objects by name (an incident's name, not only an id) and with the server's reason.
    expect(pushed.failed.every((f) => f.name.length > 0 && f.message === 'refused by policy')).toBe(true);
    expect(pushed.failed.some((f) => f.type === 'incident' && !f.name.startsWith('incident--'))).toBe(true);
    // Every sent object can be seen: more than one page, each once.
    expect(pushed.sent).toBeGreaterThan(TAXII_PAGE);
    const sent = await allOf(call, pushed.token, 'sent', 'objects');
    expect(new Set(sent).size).toBe(pushed.sent);
    const failed = await allOf(call, pushed.token, 'failed', 'objects');
    const unknown = await allOf(call, pushed.token, 'unknown', 'objects');
    // Sent, failed and unknown are disjoint and together are everything that was posted.
    const posted = new Set(server.stored.map((s) => s.object.id));
    for (const id of failed) expect(posted.has(id)).toBe(false);
    expect(new Set([...sent, ...failed, ...unknown]).size).toBe(sent.length + failed.length + unknown.length);

    // Unknown and failed objects are not remembered as sent: the preview offers them again.
    const rootUrl = new URL('/api1/', server.url).toString();
    const preview = await call<{ toSend: number }>('taxii:push-preview', { connectionId, collectionId: 'c1', apiRootUrl: rootUrl, maxMarking: 'TLP:GREEN' });
    expect(preview.toSend).toBe(failed.length + unknown.length);
  }, 60_000);

  it('pages every pulled object of a review: added beyond the first page, each once', async () => {
    const server = await fakeTaxii();
    servers.push(server);
    const a = await openCase('partner', buildDemoCase('2025-06-01T00:00:00.000Z'));
    expect((await new TaxiiService(a, { retries: 0 }).push({ discoveryUrl: server.url, auth: { kind: 'none' } }, 'c1', { maxMarking: 'TLP:GREEN' })).ok).toBe(true);
    const b = await openCase('fresh', emptyCase('case--fresh', 'Fresh', '2026-01-01T00:00:00.000Z'));
    const call = window(b);
    const { id: connectionId } = await call<{ id: string }>('taxii:add-connection', { label: 'fake', discoveryUrl: server.url, auth: { kind: 'none' } });
    const review = await call<{ token: string; totals: { added: number }; added: unknown[] }>('taxii:pull', { connectionId, collectionId: 'c1' });
    expect(review.totals.added).toBeGreaterThan(TAXII_PAGE);
    expect(review.added.length).toBe(TAXII_PAGE);
    const added = await allOf(call, review.token, 'added', 'added');
    expect(new Set(added).size).toBe(review.totals.added);
    // A page past the end is empty, not an error; a lost token says what to do.
    expect((await call<Page>('taxii:review-page', { token: review.token, list: 'added', offset: 10_000 })).added).toEqual([]);
    await expect(call('taxii:review-page', { token: 'gone', list: 'added', offset: 0 })).rejects.toThrow(/pull again/);
  }, 60_000);
});
