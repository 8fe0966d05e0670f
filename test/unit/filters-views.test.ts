import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { viewsHandlers } from '../../src/main/ipc/handlers/views';
import type { HandlerContext } from '../../src/main/ipc/handlers/context';
import { CaseService } from '../../src/main/services/case-service';
import { CaseViews } from '../../src/main/services/views';
import type { Result } from '../../src/shared/ipc/result';
import { newCase, PASSPHRASE, plainActor, plainEvent, plainSource, removeTempDirs, tempDir } from '../helpers/store';

afterAll(removeTempDirs);

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const service = () => new CaseService({ user: 'analyst@example', foldAfterIdleMs: 2 ** 31 - 1 });

/** A case with three events (two in Afghanistan, one claimed) open behind the views handlers. */
async function openCase() {
  const path = join(tempDir('views'), 'case.cfcase');
  const doc = newCase('Views case');
  doc.sources.push(plainSource('source--wire', 'Wire report'));
  doc.actors.push(plainActor('actor--iskp', 'ISKP'));
  doc.events.push(
    plainEvent('event--kabul', 'Kabul airport bombing', {
      location: { country: 'AF', admin1: 'Kabul', geoPrecision: 'exact' },
      date: { value: '2021-08', precision: 'month' },
      fatalities: { min: 170, max: 183 },
      responsibility: [{ id: 'claim--1', actorId: 'actor--iskp', kind: 'claimed', confidence: 'high', citations: [{ sourceId: 'source--wire', credibility: 2 }] }],
    }),
    plainEvent('event--jalalabad', 'Jalalabad prison raid', { location: { country: 'AF', admin1: 'Nangarhar', geoPrecision: 'admin1' } }),
    plainEvent('event--moscow', 'Crocus City Hall attack'),
  );
  const svc = service();
  value(await svc.create(path, PASSPHRASE, doc));
  const handlers = viewsHandlers({ cases: svc } as unknown as HandlerContext, new CaseViews(svc));
  return { svc, handlers, path };
}

async function reopen(path: string) {
  const svc = service();
  value(await svc.open(path, { passphrase: PASSPHRASE }));
  return { svc, handlers: viewsHandlers({ cases: svc } as unknown as HandlerContext, new CaseViews(svc)) };
}

describe('timeline channels', () => {
  it('filter in main and send what the window draws, with the unfiltered total', async () => {
    const { svc, handlers } = await openCase();
    const all = value(await handlers['timeline:summary']({ filter: {}, grouping: 'category' }));
    expect(all).toMatchObject({ count: 3, total: 3 });
    const query = { filter: { countries: ['AF'], minFatalities: 100 }, grouping: 'perpetrator' as const };
    const afghan = value(await handlers['timeline:summary'](query));
    expect(afghan).toMatchObject({ count: 1, total: 3, imprecise: 1, extent: { start: Date.UTC(2021, 7, 1), end: Date.UTC(2021, 8, 1) } });
    // The perpetrator row is named after the claiming actor.
    expect(afghan.rows).toEqual([{ key: 'actor--iskp', name: 'ISKP', count: 1 }]);
    const window = value(await handlers['timeline:window']({ ...query, from: Date.UTC(2021, 0, 1), to: Date.UTC(2022, 0, 1) }));
    // A month-precise event travels as the whole month, lower-case 'm'.
    expect(window).toEqual({ mode: 'events', items: [{ id: 'event--kabul', title: 'Kabul airport bombing', start: Date.UTC(2021, 7, 1), end: Date.UTC(2021, 8, 1), letter: 'm', category: 'attack', group: 0, responsibility: 'claimed' }] });
    const list = value(await handlers['timeline:list']({ ...query, from: Date.UTC(2021, 7, 15), to: Date.UTC(2021, 7, 16), limit: 10 }));
    expect(list.total).toBe(1);
    const event = value(await handlers['timeline:event']({ id: 'event--kabul' }));
    expect(event.actors.map((a) => a.name)).toEqual(['ISKP']);
    await svc.close();
  });
});

describe('saved views', () => {
  it('are stored in the case, survive closing and reopening, and undo like any edit', async () => {
    const { svc, handlers, path } = await openCase();
    const view = { id: 'view--afghan', name: 'Afghanistan, claimed', filter: { countries: ['AF'], responsibilityKinds: ['claimed' as const] }, grouping: 'admin1' as const };
    expect(value(await handlers['views:put']({ view })).summary).toBe('Saved view “Afghanistan, claimed”');
    await svc.close();

    const again = await reopen(path);
    expect(value(await again.handlers['views:list']({})).views).toEqual([view]);
    value(await again.svc.undo());
    expect(value(await again.handlers['views:list']({})).views).toEqual([]);
    value(await again.svc.redo());
    value(await again.handlers['views:delete']({ id: view.id }));
    expect(value(await again.handlers['views:list']({})).views).toEqual([]);
    await again.svc.close();
  });
});

describe('citing records', () => {
  it('lists every record citing a source, claims included', async () => {
    const { svc, handlers } = await openCase();
    const citing = value(await handlers['sources:citing']({ sourceId: 'source--wire' }));
    expect(citing).toEqual({ records: [{ collection: 'events', id: 'event--kabul', label: 'Kabul airport bombing' }], total: 1 });
    expect(value(await handlers['sources:citing']({ sourceId: 'source--none' })).records).toEqual([]);
    await svc.close();
  });
});
