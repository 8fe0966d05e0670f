import { describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import achMatrices from '../../src/main/demo/data/ach-matrices.json';
import achRows from '../../src/main/demo/data/ach-rows.json';
import actors from '../../src/main/demo/data/actors.json';
import events from '../../src/main/demo/data/events.json';
import relationships from '../../src/main/demo/data/relationships.json';
import series from '../../src/main/demo/data/series.json';
import sources from '../../src/main/demo/data/sources.json';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { AchMatrix, AchRow } from '../../src/shared/domain/ach';
import { Actor } from '../../src/shared/domain/actor';
import { CaseIndex } from '../../src/shared/domain/apply';
import { CaseDocument } from '../../src/shared/domain/case';
import type { CaseCollectionName } from '../../src/shared/domain/collections';
import { Event } from '../../src/shared/domain/event';
import { danglingReferences } from '../../src/shared/domain/references';
import { Relationship } from '../../src/shared/domain/relationship';
import { Series } from '../../src/shared/domain/series';
import { Source } from '../../src/shared/domain/source';

const FILES: Array<[string, unknown[], z.ZodTypeAny]> = [
  ['events.json', events, Event],
  ['actors.json', actors, Actor],
  ['relationships.json', relationships, Relationship],
  ['sources.json', sources, Source],
  ['series.json', series, Series],
  ['ach-matrices.json', achMatrices, AchMatrix],
  ['ach-rows.json', achRows, AchRow],
];

describe('the demo case’s data files', () => {
  it('hold only records their domain schema accepts', () => {
    for (const [file, records, schema] of FILES) {
      const bad = records.flatMap((record, i) => {
        const parsed = schema.safeParse(record);
        return parsed.success ? [] : [`${file}[${i}] ${(record as { id?: string }).id ?? ''}: ${parsed.error.issues[0]?.message}`];
      });
      expect(bad, file).toEqual([]);
    }
  });

  it('build the same case as before they were data: the counts of every collection', () => {
    const doc = buildDemoCase('2026-01-01T00:00:00.000Z');
    expect(CaseDocument.safeParse(doc).success).toBe(true);
    expect({
      events: doc.events.length,
      actors: doc.actors.length,
      relationships: doc.relationships.length,
      sources: doc.sources.length,
      series: doc.series.length,
      matrices: doc.matrices.length,
      matrixRows: doc.matrixRows.length,
    }).toEqual({ events: 64, actors: 67, relationships: 75, sources: 27, series: 6, matrices: 1, matrixRows: 14 });
    expect(doc.history).toEqual([{ seq: 1, at: '2026-01-01T00:00:00.000Z', by: 'Casefile Workbench', summary: 'Demo case created', kind: 'create', changes: [] }]);
  });

  it('point only at records the case holds, with no id used twice', () => {
    const doc = buildDemoCase('2026-01-01T00:00:00.000Z');
    const index = new CaseIndex(doc);
    const collections: CaseCollectionName[] = ['events', 'actors', 'relationships', 'sources', 'series', 'matrices', 'matrixRows'];
    for (const collection of collections) {
      const list = doc[collection] as Array<{ id: string }>;
      expect(new Set(list.map((r) => r.id)).size, collection).toBe(list.length);
      const dangling = list.flatMap((record) => danglingReferences(collection, record as never, index).map((ref) => `${record.id} → ${ref.collection}/${ref.id} (${ref.at})`));
      expect(dangling, collection).toEqual([]);
    }
  });

  it('give each build its own copy', () => {
    const first = buildDemoCase('2026-01-01T00:00:00.000Z');
    first.sources[0]!.title = 'changed';
    first.events.pop();
    const second = buildDemoCase('2026-01-01T00:00:00.000Z');
    expect(second.sources[0]!.title).not.toBe('changed');
    expect(second.events).toHaveLength(64);
  });

  it('give sources what a citation style needs: outlets for articles and news, persons as “Family, Given”, an access date with a URL', () => {
    const doc = buildDemoCase('2026-01-01T00:00:00.000Z');
    const contained = doc.sources.filter((s) => s.kind === 'news-report' || s.kind === 'journal-article');
    expect(contained.length).toBeGreaterThan(0);
    expect(contained.filter((s) => !s.outlet).map((s) => s.id)).toEqual([]);
    expect(doc.sources.filter((s) => s.url && !s.accessed).map((s) => s.id)).toEqual([]);
    expect(doc.sources.flatMap((s) => s.authors).filter((a) => a.includes(',') && !/^[^,]+, [^,]+$/.test(a))).toEqual([]);
    expect(doc.sources.find((s) => s.id === 'source--fbi-wray-2024-04')?.authors).toEqual(['Wray, Christopher A.']);
  });
});

describe('loading a broken data file', () => {
  it('fails, naming the file, the record and the field', async () => {
    vi.resetModules();
    vi.doMock('../../src/main/demo/data/sources.json', () => ({ default: [{ ...sources[0], kind: 'blog' }, ...sources.slice(1)] }));
    const { buildDemoCase: buildBroken } = await import('../../src/main/demo/isk-case');
    expect(() => buildBroken('2026-01-01T00:00:00.000Z')).toThrow(/sources\.json is not valid: sources\.0\.kind/);
    vi.doUnmock('../../src/main/demo/data/sources.json');
    vi.resetModules();
  });
});
