import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDispatch, type Handlers } from '../../src/main/ipc/guard';
import { createHandlers } from '../../src/main/ipc/handlers';
import { appPaths } from '../../src/main/services/app-paths';
import { AttachmentService } from '../../src/main/services/attachment-service';
import { CaseService } from '../../src/main/services/case-service';
import { RecentCases } from '../../src/main/services/recent-cases';
import { CHANNELS, contract, EVENT_NAMES, events } from '../../src/shared/ipc/contract';

function handlers(options: { typedPaths?: boolean; picked?: string } = {}): Handlers {
  const paths = appPaths(mkdtempSync(join(tmpdir(), 'cf-ipc-')));
  const cases = new CaseService({ user: 'test' });
  return createHandlers({
    cases,
    attachments: new AttachmentService(cases),
    recent: new RecentCases(paths.recentFile, paths.demoCase),
    paths,
    host: {
      kind: options.typedPaths === false ? 'electron' : 'browser',
      allowsTypedPaths: options.typedPaths ?? true,
      pickCaseFile: async () => options.picked ?? null,
      chooseNewCasePath: async () => 'no-dialog',
      keychain: null,
    },
    version: '0.0.0-test',
    grantedPaths: new Set<string>(),
  });
}

const trusted = { origin: 'http://127.0.0.1:1234' };

describe('the IPC contract', () => {
  it('gives every channel a request and a response schema', () => {
    expect(CHANNELS.length).toBeGreaterThan(0);
    for (const channel of CHANNELS) {
      expect(contract[channel].request, channel).toBeInstanceOf(z.ZodType);
      expect(contract[channel].response, channel).toBeInstanceOf(z.ZodType);
      expect(channel).toMatch(/^[a-z]+:[a-z-]+$/);
    }
    for (const name of EVENT_NAMES) expect(events[name], name).toBeInstanceOf(z.ZodType);
  });

  it('has exactly one handler per channel, and no handler without a channel', () => {
    const record = handlers();
    expect(Object.keys(record).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) expect(typeof record[channel], channel).toBe('function');
  });

  it('answers app:info with a response its schema accepts', async () => {
    const dispatch = createDispatch(handlers(), () => true);
    const result = await dispatch('app:info', {}, trusted);
    expect(result.ok).toBe(true);
    if (result.ok) expect(contract['app:info'].response.safeParse(result.value).success).toBe(true);
  });
});

describe('the dispatch guard', () => {
  const dispatch = createDispatch(handlers(), (sender) => sender.origin === trusted.origin);

  it('refuses a sender that is not our app', async () => {
    const result = await dispatch('app:info', {}, { origin: 'https://evil.example' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses a channel that is not in the contract, including prototype names', async () => {
    for (const channel of ['fs:read', 'toString', '__proto__', 'constructor']) {
      const result = await dispatch(channel, {}, trusted);
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('rejects requests that do not match the schema, naming the field', async () => {
    const result = await dispatch('case:unlock', { path: '/x', passphrase: '' }, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!result.ok) expect(result.error.message).toContain('passphrase');
    const extra = await dispatch('case:status', { sneaky: true }, trusted);
    expect(extra).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('returns NO_CASE_OPEN as a value, not an exception, when no case is open', async () => {
    const result = await dispatch('records:events', {}, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'NO_CASE_OPEN' } });
  });

  it('lets a renderer without typed paths open only files picked in a dialog', async () => {
    const picked = join(mkdtempSync(join(tmpdir(), 'cf-pick-')), 'picked.cfcase');
    const guarded = createDispatch(handlers({ typedPaths: false, picked }), () => true);
    const arbitrary = await guarded('case:unlock', { path: '/etc/passwd', passphrase: 'x' }, trusted);
    expect(arbitrary).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const create = await guarded('case:create', { name: 'n', passphrase: 'long enough', demo: false, path: '/tmp/elsewhere.cfcase' }, trusted);
    expect(create).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await guarded('case:pick-file', {}, trusted)).toMatchObject({ ok: true, value: { path: picked } });
    // Picked: now the request reaches the store, which reports the missing file.
    expect(await guarded('case:unlock', { path: picked, passphrase: 'x' }, trusted)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('turns a throwing handler into an INTERNAL error value', async () => {
    const broken = { ...handlers(), 'app:info': async () => { throw new Error('boom'); } } as Handlers;
    const result = await createDispatch(broken, () => true)('app:info', {}, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('a view answer and a case switch', () => {
  it('drops a view built for a case that another window replaced while it was built', async () => {
    let generation = 1;
    let release!: () => void;
    const building = new Promise<void>((resolve) => (release = resolve));
    const stub = {
      'timeline:summary': async () => {
        await building;
        return { ok: true, value: { total: 150_000 } };
      },
    } as unknown as Handlers;
    const dispatch = createDispatch(stub, () => true, () => generation);
    const view = dispatch('timeline:summary', { filter: {}, grouping: 'country' }, { ...trusted, caseGeneration: 1 });
    generation = 2; // another window opened a case while both were under way
    release();
    expect(await view).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
