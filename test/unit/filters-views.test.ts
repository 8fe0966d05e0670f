import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { viewsHandlers } from '../../src/main/ipc/handlers/views';
import type { HandlerContext } from '../../src/main/ipc/handlers/context';
import { CaseService } from '../../src/main/services/case-service';
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
  const handlers = viewsHandlers({ cases: svc } as unknown as HandlerContext);
  return { svc, handlers, path };
}

async function reopen(path: string) {
  const svc = service();
  value(await svc.open(path, { passphrase: PASSPHRASE }));
  return { svc, handlers: viewsHandlers({ cases: svc } as unknown as HandlerContext) };
}

describe('timeline:events', () => {
  it('filters in main and sends compact columns, with the unfiltered total', async () => {
    const { svc, handlers } = await openCase();
    const all = value(await handlers['timeline:events']({ filter: {} }));
    expect(all.total).toBe(3);
    expect(all.columns.ids).toHaveLength(3);
    const afghan = value(await handlers['timeline:events']({ filter: { countries: ['AF'], minFatalities: 100 } }));
    expect(afghan.columns.ids).toEqual(['event--kabul']);
    expect(afghan.total).toBe(3);
    // A month-precise event travels as the whole month, lower-case 'm', perpetrator from the claim.
    expect(afghan.columns.starts[0]).toBe(Date.UTC(2021, 7, 1));
    expect(afghan.columns.ends[0]).toBe(Date.UTC(2021, 8, 1));
    expect(afghan.columns.precisions).toBe('m');
    expect(afghan.columns.perpetrators).toEqual(['actor--iskp']);
    expect(afghan.columns.fatalities).toEqual([183]);
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
    expect(citing.records).toEqual([{ collection: 'events', id: 'event--kabul', label: 'Kabul airport bombing' }]);
    expect(value(await handlers['sources:citing']({ sourceId: 'source--none' })).records).toEqual([]);
    await svc.close();
  });
});
