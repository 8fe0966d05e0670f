import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { actorHandlers } from '../../src/main/ipc/handlers/actors';
import type { HandlerContext } from '../../src/main/ipc/handlers/context';
import { CaseService } from '../../src/main/services/case-service';
import { CaseViews } from '../../src/main/services/views';
import type { Actor } from '../../src/shared/domain/actor';
import { planActorMerge } from '../../src/shared/domain/actor-merge';
import type { CaseDocument } from '../../src/shared/domain/case';
import type { Relationship } from '../../src/shared/domain/relationship';
import type { Result } from '../../src/shared/ipc/result';
import { newCase, PASSPHRASE, plainActor, plainEvent, plainSource, removeTempDirs, tempDir } from '../helpers/store';

afterAll(removeTempDirs);

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const rel = (id: string, source: string, target: string): Relationship => ({
  id,
  type: 'member-of',
  sourceActorId: source,
  targetActorId: target,
  confidence: 'high',
  marking: 'TLP:CLEAR',
  citations: [],
});

/** Two spellings of one media outlet, referred to from every kind of record. */
function caseWithDuplicates(): CaseDocument {
  const doc = newCase('Merge case');
  doc.sources.push(plainSource('source--wire', 'Wire report'));
  const cite = [{ sourceId: 'source--wire', credibility: 2 }];
  doc.actors.push(
    plainActor('actor--iskp', 'Islamic State Khorasan Province'),
    plainActor('actor--khorasan-ghag', 'Khorasan Ghag', { kind: 'media-outlet', roles: ['Pashto radio'], tags: ['pashto'], citations: cite }),
    plainActor('actor--khurasan-ghag', 'Khurasan Ghag', {
      kind: 'media-outlet',
      marking: 'TLP:AMBER',
      tags: ['radio'],
      aliases: [{ name: 'خراسان غږ', language: 'ps', script: 'Arab', transliteration: 'Khurāsān Ghag', provenance: 'imported from list B', citations: cite }],
    }),
  );
  doc.events.push(
    plainEvent('event--broadcast', 'Broadcast claims attack', {
      responsibility: [
        { id: 'claim--1', actorId: 'actor--khurasan-ghag', kind: 'claimed', confidence: 'high', citations: cite },
        { id: 'claim--2', actorId: 'actor--iskp', byActorId: 'actor--khurasan-ghag', kind: 'claimed', confidence: 'medium', citations: cite },
      ],
    }),
    plainEvent('event--raid', 'Raid on the radio station', {
      participants: [
        { actorId: 'actor--khurasan-ghag', role: 'target', citations: cite },
        { actorId: 'actor--khorasan-ghag', role: 'target', citations: [{ sourceId: 'source--wire', credibility: 3, locator: 'p. 2' }] },
        { actorId: 'actor--iskp', role: 'participant', citations: [] },
      ],
    }),
    plainEvent('event--other', 'Unrelated'),
  );
  doc.relationships.push(rel('relationship--arm', 'actor--khurasan-ghag', 'actor--iskp'), rel('relationship--self', 'actor--khorasan-ghag', 'actor--khurasan-ghag'));
  doc.series.push({ id: 'series--broadcasts', title: 'Broadcasts', measure: 'broadcasts', unit: 'count', actorId: 'actor--khurasan-ghag', points: [], marking: 'TLP:CLEAR', citations: [] });
  return doc;
}

describe('planActorMerge', () => {
  it('moves every reference, keeps names as aliases with provenance, and removes the merged actor', () => {
    const doc = caseWithDuplicates();
    const plan = planActorMerge(doc, 'actor--khorasan-ghag', 'actor--khurasan-ghag');
    expect(plan.moved).toEqual({ claims: 2, participants: 1, relationships: 1, series: 1 });
    // Both spellings were named as the raid's target: one target entry remains, with both citations.
    const raid = plan.changes.find((c) => c.id === 'event--raid');
    expect(raid?.op === 'put' ? (raid.after as { participants?: unknown }).participants : null).toEqual([
      { actorId: 'actor--khorasan-ghag', role: 'target', citations: [{ sourceId: 'source--wire', credibility: 2 }, { sourceId: 'source--wire', credibility: 3, locator: 'p. 2' }] },
      { actorId: 'actor--iskp', role: 'participant', citations: [] },
    ]);
    expect(plan.removedSelfLinks.map((r) => r.id)).toEqual(['relationship--self']);
    const merged: Actor = plan.merged;
    expect(merged.aliases.map((a) => a.name)).toEqual(['Khurasan Ghag', 'خراسان غږ']);
    expect(merged.aliases[0]?.provenance).toContain('merged from actor “Khurasan Ghag” (actor--khurasan-ghag)');
    expect(merged.aliases[1]?.provenance).toMatch(/merged from .*; earlier: imported from list B/);
    expect(merged.aliases[1]?.transliteration).toBe('Khurāsān Ghag');
    expect(merged.tags).toEqual(['pashto', 'radio']);
    expect(merged.marking).toBe('TLP:AMBER');

    const after = plan.changes.filter((c) => c.op === 'put').map((c) => (c.op === 'put' ? c.after : null));
    const text = JSON.stringify(after);
    expect(text).not.toContain('"actor--khurasan-ghag"');
    expect(plan.changes.at(-1)).toMatchObject({ op: 'delete', collection: 'actors', id: 'actor--khurasan-ghag' });
    // Records that never named the merged actor are not touched.
    expect(plan.changes.some((c) => c.id === 'event--other')).toBe(false);
  });

  it('keeps a merged Hebrew or Amharic name as an alias in its own script, language undetermined', () => {
    for (const [name, script] of [['אל-שבאב', 'Hebr'], ['አል-ሸባብ', 'Ethi']] as const) {
      const doc = newCase('Scripts');
      doc.actors.push(plainActor('actor--keep', 'al-Shabaab'), plainActor('actor--drop', name));
      const alias = planActorMerge(doc, 'actor--keep', 'actor--drop').merged.aliases[0];
      expect(alias).toMatchObject({ name, script, language: 'und' });
    }
  });

  it('refuses to merge an actor into itself or into a missing actor', () => {
    const doc = caseWithDuplicates();
    expect(() => planActorMerge(doc, 'actor--iskp', 'actor--iskp')).toThrow(/itself/);
    expect(() => planActorMerge(doc, 'actor--iskp', 'actor--nobody')).toThrow(/actor--nobody/);
  });
});

describe('merging through the actors:merge channel', () => {
  it('commits the merge as one audit entry that one undo reverts exactly, and redo repeats', async () => {
    const path = join(tempDir('merge'), 'merge.cfcase');
    const svc = new CaseService({ user: 'analyst', foldAfterIdleMs: 2 ** 31 - 1 });
    const original = caseWithDuplicates();
    value(await svc.create(path, PASSPHRASE, structuredClone(original)));
    const handlers = actorHandlers({ cases: svc } as unknown as HandlerContext, new CaseViews(svc));
    const snapshot = () => {
      const doc = svc.document as CaseDocument;
      const sorted = <T extends { id: string }>(xs: readonly T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
      return JSON.stringify({ actors: sorted(doc.actors), events: sorted(doc.events), relationships: sorted(doc.relationships), series: sorted(doc.series) });
    };
    const before = snapshot();

    const dupes = value(await handlers['actors:duplicates']({}));
    expect(dupes.suggestions[0]?.actorIds).toEqual(['actor--khorasan-ghag', 'actor--khurasan-ghag']);

    const merged = value(await handlers['actors:merge']({ keepId: 'actor--khorasan-ghag', mergeId: 'actor--khurasan-ghag' }));
    expect(merged).toMatchObject({ summary: 'Merged actor “Khurasan Ghag” into “Khorasan Ghag”', moved: { claims: 2, participants: 1, relationships: 1, series: 1 }, removedSelfLinks: 1 });
    const doc = svc.document as CaseDocument;
    expect(doc.actors.map((a) => a.id).sort()).toEqual(['actor--iskp', 'actor--khorasan-ghag']);
    expect(doc.history.at(-1)?.kind).toBe('merge');
    // The merged actor is found by its old names.
    const hits = value(await handlers['actors:search']({ text: 'خراسان غږ' })).hits;
    expect(hits[0]).toMatchObject({ id: 'actor--khorasan-ghag', matchedName: 'خراسان غږ' });

    value(await svc.undo());
    expect(snapshot()).toBe(before);
    expect(value(await handlers['actors:search']({ text: 'Khurasan Ghag' })).hits[0]?.id).toBe('actor--khurasan-ghag');

    value(await svc.redo());
    expect((svc.document as CaseDocument).actors).toHaveLength(2);
    await svc.close();
  });

  it('re-points saved views that filter on the merged actor, and undo restores them', async () => {
    const path = join(tempDir('merge'), 'views.cfcase');
    const svc = new CaseService({ user: 'analyst', foldAfterIdleMs: 2 ** 31 - 1 });
    const doc = caseWithDuplicates();
    doc.views.push(
      { id: 'view--ghag', name: 'Ghag output', filter: { actorIds: ['actor--khurasan-ghag'] } },
      { id: 'view--both', name: 'Both spellings', filter: { actorIds: ['actor--khorasan-ghag', 'actor--khurasan-ghag', 'actor--iskp'] } },
      { id: 'view--other', name: 'ISKP', filter: { actorIds: ['actor--iskp'] } },
    );
    value(await svc.create(path, PASSPHRASE, doc));
    const handlers = actorHandlers({ cases: svc } as unknown as HandlerContext, new CaseViews(svc));
    value(await handlers['actors:merge']({ keepId: 'actor--khorasan-ghag', mergeId: 'actor--khurasan-ghag' }));
    const filters = () => Object.fromEntries((svc.document as CaseDocument).views.map((v) => [v.id, v.filter.actorIds]));
    expect(filters()).toEqual({ 'view--ghag': ['actor--khorasan-ghag'], 'view--both': ['actor--khorasan-ghag', 'actor--iskp'], 'view--other': ['actor--iskp'] });
    value(await svc.undo());
    expect(filters()['view--ghag']).toEqual(['actor--khurasan-ghag']);
    await svc.close();
  });

  it('reports a refused merge as a VALIDATION error and changes nothing', async () => {
    const path = join(tempDir('merge'), 'refused.cfcase');
    const svc = new CaseService({ user: 'analyst', foldAfterIdleMs: 2 ** 31 - 1 });
    value(await svc.create(path, PASSPHRASE, caseWithDuplicates()));
    const handlers = actorHandlers({ cases: svc } as unknown as HandlerContext, new CaseViews(svc));
    const result = await handlers['actors:merge']({ keepId: 'actor--iskp', mergeId: 'actor--iskp' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('VALIDATION');
    expect((svc.document as CaseDocument).history).toHaveLength(0);
    await svc.close();
  });
});
