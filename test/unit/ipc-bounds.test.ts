import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AchMatrix, AchRow } from '../../src/shared/domain/ach';
import { answerJson, createDispatch, type Handlers } from '../../src/main/ipc/guard';
import type { HandlerContext } from '../../src/main/ipc/handlers/context';
import { recordHandlers } from '../../src/main/ipc/handlers/records';
import { CaseService } from '../../src/main/services/case-service';
import { ANSWER_LIMIT_CHARS, PAGE_LIMIT, UNBOUNDED_ANSWERS } from '../../src/shared/ipc/bounds';
import { Actor } from '../../src/shared/domain/actor';
import { Event } from '../../src/shared/domain/event';
import { SavedView } from '../../src/shared/domain/filters';
import { Relationship } from '../../src/shared/domain/relationship';
import { Series } from '../../src/shared/domain/series';
import { Source } from '../../src/shared/domain/source';
import { CsvMapping } from '../../src/shared/formats/csv-mapping/mapping';
import { ActorListRow } from '../../src/shared/ipc/channels/actors';
import { CHANNELS, contract } from '../../src/shared/ipc/contract';
import type { Result } from '../../src/shared/ipc/result';
import { PASSPHRASE, removeTempDirs, smallCase, tempDir } from '../helpers/store';

afterAll(removeTempDirs);

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** One record's own lists (its tags, citations, aliases) grow with the record, not with the case (an actor list row is one actor). */
const RECORDS: ReadonlySet<z.core.$ZodType> = new Set<z.core.$ZodType>([Event, Actor, ActorListRow, Relationship, Source, Series, SavedView, CsvMapping, AchMatrix, AchRow]);

/** Paths (a.b[]…) of the arrays and records in a schema, outside single records, that set no maximum length. */
function unboundedLists(schema: z.core.$ZodType, path: string, out: string[]): string[] {
  if (RECORDS.has(schema)) return out;
  const def = schema._zod.def as { type: string } & Record<string, unknown>;
  switch (def.type) {
    case 'object':
      for (const [key, field] of Object.entries(def['shape'] as Record<string, z.core.$ZodType>)) unboundedLists(field, `${path}.${key}`, out);
      break;
    case 'array': {
      const checks = (def['checks'] as Array<{ _zod: { def: { check: string } } }> | undefined) ?? [];
      if (!checks.some((c) => c._zod.def.check === 'max_length' || c._zod.def.check === 'length_equals')) out.push(`${path}[]`);
      unboundedLists(def['element'] as z.core.$ZodType, `${path}[]`, out);
      break;
    }
    case 'optional':
    case 'nullable':
    case 'default':
      unboundedLists(def['innerType'] as z.core.$ZodType, path, out);
      break;
    case 'union':
      (def['options'] as z.core.$ZodType[]).forEach((option, i) => unboundedLists(option, `${path}|${i}`, out));
      break;
    case 'tuple':
      (def['items'] as z.core.$ZodType[]).forEach((item, i) => unboundedLists(item, `${path}[${i}]`, out));
      break;
    case 'record':
      out.push(`${path}{}`);
      break;
  }
  return out;
}

describe('no IPC answer grows with the case', () => {
  it('every list in every answer has a maximum length (a page), except the exempt file and review answers', () => {
    const found = CHANNELS.filter((c) => !UNBOUNDED_ANSWERS.has(c)).flatMap((channel) => unboundedLists(contract[channel].response, channel, []));
    // Counts per collection: at most the case's collections.
    const perCollection = new Set(['report:preview.leftOutCounts{}', 'exchange:export-stix.counts{}']);
    expect(found.filter((p) => !perCollection.has(p))).toEqual([]);
  });

  it('refuses to send an answer longer than the bound, as an error value', async () => {
    const big = 'x'.repeat(ANSWER_LIMIT_CHARS);
    const handlers = { 'app:info': async () => ({ ok: true, value: { name: big, version: '1', host: 'browser', nativeDialogs: false, keychain: false } }) } as unknown as Handlers;
    const result = await createDispatch(handlers, () => true)('app:info', {}, { origin: 'http://127.0.0.1:1' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INTERNAL');
      expect(result.error.message).toMatch(/^The answer to app:info was 1\.0 MB, more than the 1 MB one answer may carry/);
    }
  });

  it('the JSON a host sends is the answer as it is when sent, even for a result object handed out twice', async () => {
    // A handler that hands out one result object and changes it between calls (a cached view).
    const shared = { ok: true, value: { name: 'first', version: '1', host: 'browser', nativeDialogs: false, keychain: false } };
    const handlers = { 'app:info': async () => shared } as unknown as Handlers;
    const dispatch = createDispatch(handlers, () => true);
    const first = await dispatch('app:info', {}, { origin: 'http://127.0.0.1:1' });
    expect(answerJson(first)).toBe(JSON.stringify(shared));
    shared.value.name = 'second';
    expect(answerJson(first)).toBe(JSON.stringify(shared));
    const again = await dispatch('app:info', {}, { origin: 'http://127.0.0.1:1' });
    expect(JSON.parse(answerJson(again))).toEqual({ ok: true, value: expect.objectContaining({ name: 'second' }) });
  });

  it('sends a collection a page at a time, or the records asked for by id', async () => {
    const svc = new CaseService({ user: 'test', foldAfterIdleMs: 2 ** 31 - 1 });
    value(await svc.create(join(tempDir('bounds'), 'case.cfcase'), PASSPHRASE, smallCase(PAGE_LIMIT + 100, 3)));
    const handlers = recordHandlers({ cases: svc } as unknown as HandlerContext);
    const first = value(await handlers['records:events']({}));
    expect(first.records).toHaveLength(PAGE_LIMIT);
    expect(first.total).toBe(PAGE_LIMIT + 100);
    const second = value(await handlers['records:events']({ offset: PAGE_LIMIT }));
    expect(second.records).toHaveLength(100);
    const ids = [second.records[3]!.id, 'event--missing', first.records[0]!.id];
    expect(value(await handlers['records:events']({ ids })).records.map((e) => e.id)).toEqual([ids[0], ids[2]]);
    await svc.close();
  });
});
