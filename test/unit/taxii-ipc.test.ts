import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { createDispatch } from '../../src/main/ipc/guard';
import { createHandlers } from '../../src/main/ipc/handlers';
import { appPaths } from '../../src/main/services/app-paths';
import { AttachmentService } from '../../src/main/services/attachment-service';
import { CaseService } from '../../src/main/services/case-service';
import { RecentCases } from '../../src/main/services/recent-cases';
import { TaxiiService } from '../../src/main/services/taxii/taxii-service';
import { emptyCase } from '../../src/shared/domain/case';
import { PASSPHRASE, removeTempDirs, tempDir } from '../helpers/store';
import { ANALYST, RW_COLLECTION, startTaxiiServer, taxiiServerMissing, type RunningTaxiiServer } from '../helpers/taxii-server';

const missing = taxiiServerMissing();
if (missing) console.warn(missing);
let server: RunningTaxiiServer;
const trusted = { origin: 'http://127.0.0.1:1234' };

describe.skipIf(missing !== null)('TAXII over IPC: the renderer names connections by id and never sees a secret', () => {
  beforeAll(async () => {
    server = await startTaxiiServer();
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
    removeTempDirs();
  });

  it('adds a connection, lists collections, pulls into a review by token and applies it as one step', async () => {
    // The partner's push, made in-process.
    const partner = new CaseService({ user: 'partner', foldAfterIdleMs: 2 ** 31 - 1 });
    expect((await partner.create(join(tempDir('taxii-ipc-a'), 'a.cfcase'), PASSPHRASE, buildDemoCase('2025-06-01T00:00:00.000Z'))).ok).toBe(true);
    expect((await new TaxiiService(partner).push({ discoveryUrl: server.url, auth: ANALYST }, RW_COLLECTION, { maxMarking: 'TLP:GREEN' })).ok).toBe(true);
    await partner.close();

    const paths = appPaths(mkdtempSync(join(tmpdir(), 'cf-taxii-ipc-')));
    const cases = new CaseService({ user: 'test', foldAfterIdleMs: 2 ** 31 - 1 });
    expect((await cases.create(join(tempDir('taxii-ipc-b'), 'b.cfcase'), PASSPHRASE, emptyCase('case--ipc-b', 'B', '2026-01-01T00:00:00.000Z'))).ok).toBe(true);
    const answers: string[] = [];
    const handlers = createHandlers({
      cases,
      attachments: new AttachmentService(cases),
      recent: new RecentCases(paths.recentFile, paths.demoCase),
      paths,
      host: { kind: 'browser', allowsTypedPaths: true, pickCaseFile: async () => null, chooseNewCasePath: async () => 'no-dialog', keychain: null },
      version: '0.0.0-test',
      grantedPaths: new Set<string>(),
      emit: (name, payload) => answers.push(JSON.stringify({ name, payload })),
    });
    const dispatch = createDispatch(handlers, () => true);
    const call = async (channel: string, request: unknown) => {
      const result = await dispatch(channel as never, request, trusted);
      answers.push(JSON.stringify(result));
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value as Record<string, unknown>;
    };

    const added = await call('taxii:add-connection', { label: 'Team server', discoveryUrl: server.url, auth: ANALYST });
    expect(added).toMatchObject({ authKind: 'basic', user: 'analyst', hasSecret: true, hasCa: false });
    const connectionId = added['id'] as string;
    const listed = await call('taxii:collections', { connectionId });
    expect(JSON.stringify(listed)).toContain(RW_COLLECTION);
    const review = await call('taxii:pull', { connectionId, collectionId: RW_COLLECTION });
    expect((review['totals'] as { added: number }).added).toBeGreaterThan(100);
    const applied = await call('taxii:apply', { token: review['token'], resolutions: {} });
    expect(applied['seq']).toEqual(expect.any(Number));
    expect(cases.document!.events.length).toBeGreaterThan(0);
    const wrong = await dispatch('taxii:add-connection', { label: 'x', discoveryUrl: 'http://example.org/taxii2/', auth: { kind: 'none' } }, trusted);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/Plain http/) } });

    // Nothing the renderer received holds the password.
    for (const answer of answers) expect(answer).not.toContain(ANALYST.password);
    await cases.close();
  }, 120_000);
});
