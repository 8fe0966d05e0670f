import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { attachmentId, type StoredAttachment } from '../../src/shared/domain/attachment';
import { listLookup } from '../../src/shared/ach/lookup';
import { basisOf } from '../../src/shared/ach/resolve';
import type { AchCite, AchMatrix, AchRow } from '../../src/shared/domain/ach';
import type { Actor } from '../../src/shared/domain/actor';
import type { AuditEntry, Change } from '../../src/shared/domain/audit';
import type { AnyRecord, CollectionName } from '../../src/shared/domain/collections';
import { emptyCase, type CaseDocument } from '../../src/shared/domain/case';
import type { Citation } from '../../src/shared/domain/citation';
import type { Event, ResponsibilityClaim } from '../../src/shared/domain/event';
import type { EventFilter } from '../../src/shared/domain/filters';
import { markingRank, TLP_LEVELS, type Marking } from '../../src/shared/domain/marking';
import type { PartialDate } from '../../src/shared/domain/partial-date';
import type { Relationship } from '../../src/shared/domain/relationship';
import type { Series } from '../../src/shared/domain/series';
import type { Source } from '../../src/shared/domain/source';

/**
 * Random cases for the marking-leak property test. Every piece of text a record carries holds a
 * token of the form `zq<rank><kind><nn><8 letters><field>`: the rank is the marking that governs
 * that text, so a leak is found by searching an output for the tokens ranked above its cut. All
 * tokens have the same length and differ, so no token is a substring of another.
 *
 * Which marking governs a text: the record's own, except a citation's locator (a place in the
 * cited source: the higher of the record and the source), a claim's "by" words (they speak
 * for the claimed actor and name its author: the highest of the event, that actor and the author)
 * and the case's description (the case's default marking).
 *
 * The case has a history: some events, actors and relationships had an earlier version (another
 * marking, text at that marking, one more citation), and some relationships were deleted. Those
 * versions never leave as text, but a file lists their hashes: none may be of a version holding
 * text above the cut (a receiver could confirm a guess by hashing it).
 */
export interface LeakCase {
  doc: CaseDocument;
  /** Every token, with the rank of the marking that governs it. */
  tokens: ReadonlyArray<{ token: string; rank: number; where: string }>;
  /** The bytes of the file each source carries (by SHA-256): a token at the source's marking. */
  files: ReadonlyMap<string, Uint8Array>;
}

interface Shape {
  events: Marking[];
  actors: Marking[];
  sources: Marking[];
  series: Marking[];
  relationships: Marking[];
  /** ACH: the matrices' markings, and their rows' (each row goes to a matrix picked at random). */
  matrices: Marking[];
  rows: Marking[];
  earlier: Array<Marking | undefined>;
  deleted: Marking[];
  defaultMarking: Marking;
  letters: string[];
  picks: number[];
}

const marking = fc.constantFrom(...TLP_LEVELS);
const shape: fc.Arbitrary<Shape> = fc.record({
  events: fc.array(marking, { minLength: 1, maxLength: 8 }),
  actors: fc.array(marking, { minLength: 1, maxLength: 5 }),
  sources: fc.array(marking, { minLength: 1, maxLength: 4 }),
  series: fc.array(marking, { maxLength: 3 }),
  relationships: fc.array(marking, { maxLength: 4 }),
  matrices: fc.array(marking, { maxLength: 2 }),
  rows: fc.array(marking, { maxLength: 6 }),
  /** Markings of earlier versions (one per record, in order, while they last) and of deleted relationships. */
  earlier: fc.array(fc.option(marking, { nil: undefined }), { maxLength: 20 }),
  deleted: fc.array(marking, { maxLength: 2 }),
  /** The case's default marking, which governs its own description. */
  defaultMarking: marking,
  // Random letters for the tokens, and random choices (dates, links, precision) drawn in order.
  letters: fc.array(fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 8, maxLength: 8 }), { minLength: 24, maxLength: 24 }),
  picks: fc.array(fc.nat({ max: 1_000 }), { minLength: 120, maxLength: 120 }),
});

export const leakCase: fc.Arbitrary<LeakCase> = shape.map(build);

/** A random cut and filter: the template's maximum marking, and the shared filter (sometimes with its own marking). */
export const leakCut = fc.record({
  max: marking,
  filterMarking: fc.option(marking, { nil: undefined }),
  byActor: fc.boolean(),
});

export type LeakCut = { max: Marking; filterMarking?: Marking | undefined; byActor: boolean };

export function filterFor(cut: LeakCut, doc: CaseDocument): EventFilter {
  const filter: EventFilter = {};
  if (cut.filterMarking) filter.maxMarking = cut.filterMarking;
  if (cut.byActor && doc.actors[0]) filter.actorIds = [doc.actors[0].id];
  return filter;
}

/** Tokens ranked above `max`: none of them may appear in an output cut at `max`. */
export function tokensAbove(c: LeakCase, max: Marking): LeakCase['tokens'] {
  return c.tokens.filter((t) => t.rank > markingRank(max));
}

/** The withheld tokens found in `output` (whitespace removed first, so a line break inside a token cannot hide it). */
export function leaksIn(output: string, withheld: LeakCase['tokens']): string[] {
  const flat = output.replace(/\s+/g, '');
  return withheld.filter((t) => flat.includes(t.token)).map((t) => `${t.token} (${t.where})`);
}

function build(s: Shape): LeakCase {
  const tokens: Array<{ token: string; rank: number; where: string }> = [];
  let letter = 0;
  let pick = 0;
  const next = (n: number) => s.picks[pick++ % s.picks.length]! % n;
  const chance = (percent: number) => next(100) < percent;
  const base = (kind: string, i: number) => `${kind}${String(i).padStart(2, '0')}${s.letters[letter++ % s.letters.length]!}`;
  /** A token for one field, governed by `m`. */
  const tok = (m: Marking, stem: string, field: string, where: string) => {
    const token = `zq${markingRank(m)}${stem}${field}`;
    tokens.push({ token, rank: markingRank(m), where: `${where}.${field} ${m}` });
    return token;
  };
  const higher = (a: Marking, b: Marking): Marking => (markingRank(a) >= markingRank(b) ? a : b);
  const date = (): PartialDate => {
    const year = 2019 + next(6);
    const precision = (['year', 'month', 'day'] as const)[next(3)]!;
    const month = String(1 + next(12)).padStart(2, '0');
    const day = String(1 + next(28)).padStart(2, '0');
    return { value: precision === 'year' ? `${year}` : precision === 'month' ? `${year}-${month}` : `${year}-${month}-${day}`, precision, ...(chance(15) ? { approximate: true } : {}) };
  };

  // Every source carries a file whose bytes hold a token at the source's marking: an export
  // that carries the file of a source it withholds leaks that token.
  const files = new Map<string, Uint8Array>();
  const attachments: StoredAttachment[] = [];
  const fileFor = (m: Marking, stem: string, w: string): NonNullable<Source['attachment']> => {
    const bytes = new TextEncoder().encode(`%PDF-1.4 evidence ${tok(m, stem, 'F', `${w} file`)}\n`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const name = `scan-${tok(m, stem, 'N', `${w} file name`)}.pdf`;
    files.set(sha256, bytes);
    attachments.push({ id: attachmentId(sha256), name, mediaType: 'application/pdf', size: bytes.length, sha256 });
    return { name, mediaType: 'application/pdf', size: bytes.length, sha256 };
  };
  const sources: Source[] = s.sources.map((m, i) => {
    const stem = base('s', i);
    const w = `source ${i}`;
    return {
      id: `source--leak-${i}`,
      title: `Report ${tok(m, stem, 'T', w)}`,
      publisher: `Pub ${tok(m, stem, 'P', w)}`,
      authors: [`Author ${tok(m, stem, 'A', w)}`],
      ...(chance(70) ? { date: date() } : {}),
      kind: 'news-report',
      language: 'en',
      reliability: 'C',
      url: `https://example.org/${tok(m, stem, 'U', w)}`,
      marking: m,
      attachment: fileFor(m, stem, w),
    };
  });
  const cite = (owner: Marking, stem: string, where: string): Citation[] => {
    const out: Citation[] = [];
    for (let k = 0; k < 2; k++) {
      if (!chance(60)) continue;
      const source = sources[next(sources.length)]!;
      out.push({ sourceId: source.id, credibility: 1 + next(6), locator: `p. ${tok(higher(owner, source.marking), stem, `L${k}`, `${where} citing ${source.id}`)}` });
    }
    return out;
  };

  const actors: Actor[] = s.actors.map((m, i) => {
    const stem = base('a', i);
    const w = `actor ${i}`;
    return {
      id: `actor--leak-${i}`,
      kind: (['organisation', 'faction', 'person', 'media-outlet', 'state-body'] as const)[next(5)]!,
      name: `Group ${tok(m, stem, 'N', w)}`,
      aliases: [{ name: `Alias ${tok(m, stem, 'K', w)}`, language: 'ps', script: 'Latn', transliteration: `Tr ${tok(m, stem, 'R', w)}`, provenance: `Prov ${tok(m, stem, 'V', w)}`, citations: cite(m, stem, `${w} alias`) }],
      ...(chance(50) ? { status: { value: 'active' as const, from: date(), citations: cite(m, `${stem}x`, `${w} status`) } } : {}),
      roles: [`Role ${tok(m, stem, 'O', w)}`],
      nationality: [],
      description: `About ${tok(m, stem, 'D', w)}.`,
      tags: [`tag${tok(m, stem, 'G', w)}`],
      marking: m,
      citations: cite(m, stem, w),
    };
  });
  const anyActor = () => actors[next(actors.length)]!;

  const events: Event[] = s.events.map((m, i) => {
    const stem = base('e', i);
    const w = `event ${i}`;
    const country = (['AF', 'PK', 'RU'] as const)[next(3)]!;
    const exact = chance(40);
    const claims: ResponsibilityClaim[] = [];
    for (let k = 0; k < 1 + next(2); k++) {
      const actor = anyActor();
      const by = chance(40) ? anyActor() : undefined;
      claims.push({
        id: `claim--leak-${i}-${k}`,
        actorId: actor.id,
        kind: (['claimed', 'attributed', 'suspected', 'denied'] as const)[next(4)]!,
        by: `Said by ${tok(higher(higher(m, actor.marking), by?.marking ?? m), stem, `B${k}`, `${w} claim by ${actor.id}`)}`,
        ...(by ? { byActorId: by.id } : {}),
        confidence: 'medium',
        citations: cite(m, `${stem}c${k}`, `${w} claim`),
      });
    }
    return {
      id: `event--leak-${i}`,
      title: `Event ${tok(m, stem, 'T', w)}`,
      category: (['attack', 'foiled-plot', 'arrest', 'counter-operation', 'propaganda-release', 'statement'] as const)[next(6)]!,
      date: date(),
      location: {
        country,
        ...(chance(70) ? { admin1: `Province ${tok(m, stem, 'X', w)}` } : {}),
        ...(chance(50) ? { admin2: `District ${tok(m, stem, 'Y', w)}` } : {}),
        place: `Place ${tok(m, stem, 'Z', w)}`,
        ...(exact ? { lat: country === 'RU' ? 55.7 : 34.5, lon: country === 'RU' ? 37.6 : 69.2 } : {}),
        geoPrecision: exact ? 'exact' : 'admin1',
      },
      attackType: `Attack ${tok(m, stem, 'K', w)}`,
      targetType: `Target ${tok(m, stem, 'J', w)}`,
      ...(chance(70) ? { fatalities: { min: next(5), max: 5 + next(5) } } : {}),
      scope: country === 'RU' ? 'external' : 'internal',
      description: `What happened ${tok(m, stem, 'D', w)}.`,
      tags: [`tag${tok(m, stem, 'G', w)}`],
      marking: m,
      responsibility: claims,
      participants: chance(60) ? [{ actorId: anyActor().id, role: chance(50) ? 'target' : 'participant', citations: cite(m, `${stem}p`, `${w} participant`) }] : [],
      citations: cite(m, stem, w),
    };
  });

  const series: Series[] = s.series.map((m, i) => {
    const stem = base('r', i);
    const w = `series ${i}`;
    const repeated = chance(50);
    const year = 2019 + next(5);
    return {
      id: `series--leak-${i}`,
      title: `Figures ${tok(m, stem, 'T', w)}`,
      measure: `Measure ${tok(m, stem, 'M', w)}`,
      unit: `u${tok(m, stem, 'U', w)}`,
      ...(chance(50) ? { actorId: anyActor().id } : {}),
      points: [
        { period: { value: String(year), precision: 'year' }, value: 1 + next(50), label: `Label ${tok(m, stem, 'A', w)}` },
        { period: { value: String(repeated ? year : year + 1), precision: 'year' }, value: 1 + next(50), label: `Label ${tok(m, stem, 'B', w)}` },
      ],
      marking: m,
      citations: cite(m, stem, w),
    };
  });

  const relationships: Relationship[] = s.relationships.map((m, i) => {
    const stem = base('l', i);
    const w = `relationship ${i}`;
    return {
      id: `relationship--leak-${i}`,
      type: chance(50) ? 'allied-with' : `custom:${tok(m, stem, 'y', w)}`,
      sourceActorId: anyActor().id,
      targetActorId: anyActor().id,
      confidence: 'medium',
      description: `Link ${tok(m, stem, 'D', w)}.`,
      marking: m,
      citations: cite(m, stem, w),
    };
  });

  const matrices: AchMatrix[] = s.matrices.map((m, i) => {
    const stem = base('m', i);
    const w = `matrix ${i}`;
    return {
      id: `matrix--leak-${i}`,
      title: `Question ${tok(m, stem, 'T', w)}`,
      description: `Why ${tok(m, stem, 'D', w)}.`,
      hypotheses: [0, 1, 2].map((k) => ({ id: `hypothesis--leak-${i}-${k}`, statement: `Maybe ${tok(m, stem, `H${k}`, w)}` })),
      marking: m,
    };
  });
  const rows: AchRow[] = matrices.length === 0 ? [] : s.rows.map((m, i) => {
    const stem = base('w', i);
    const w = `row ${i}`;
    const matrix = matrices[next(matrices.length)]!;
    const cites: AchCite[] = [];
    for (let k = 0; k < next(4); k++) {
      const kind = next(4);
      if (kind === 0) {
        const source = sources[next(sources.length)]!;
        cites.push({ collection: 'sources', id: source.id, credibility: 1 + next(6), locator: `p. ${tok(higher(m, source.marking), stem, `L${k}`, `${w} citing ${source.id}`)}` });
      } else if (kind === 1) {
        const event = events[next(events.length)]!;
        const claim = chance(50) ? event.responsibility[0] : undefined;
        cites.push({ collection: 'events', id: event.id, ...(claim ? { claimId: claim.id } : {}) });
      } else if (kind === 2) cites.push({ collection: 'actors', id: anyActor().id });
      else if (relationships.length > 0) cites.push({ collection: 'relationships', id: relationships[next(relationships.length)]!.id });
    }
    const ratings = Object.fromEntries(
      matrix.hypotheses.map((h, k) => [h.id, { value: (['CC', 'C', 'N', 'I', 'II', 'NA'] as const)[next(6)]!, by: 'analyst', ...(chance(50) ? { note: `Note ${tok(m, stem, `N${k}`, w)}` } : {}) }]),
    );
    return { id: `row--leak-${i}`, matrixId: matrix.id, title: `Evidence ${tok(m, stem, 'T', w)}`, kind: cites.length > 0 ? 'evidence' : 'assumption', cites, relevance: 'medium', ratings, position: i, marking: m } satisfies AchRow;
  });

  // History: each record put once; some first in an earlier version (its own marking and text, one more citation); some relationships deleted.
  let version = 0;
  const earlier = <R extends Event | Actor | Relationship>(record: R, where: string): R | null => {
    const m = s.earlier[version++];
    if (m === undefined) return null;
    const stem = base('h', version);
    const extra = cite(m, stem, `${where} earlier`).slice(0, 1);
    const text = `Once ${tok(m, stem, 'H', `${where} earlier`)}`;
    return { ...record, marking: m, description: text, citations: [...record.citations, ...extra], ...('title' in record ? { title: text } : {}) };
  };
  const first: Change[] = [];
  const then: Change[] = [];
  const put = (collection: CollectionName, record: AnyRecord, before: AnyRecord | null): Change => ({ op: 'put', collection, id: record.id, before, after: record }) as Change;
  for (const [collection, list] of [['relationships', relationships], ['events', events], ['actors', actors]] as const) {
    for (const record of list as ReadonlyArray<Event | Actor | Relationship>) {
      const old = earlier(record, `${collection} ${record.id}`);
      if (old) then.push(put(collection, record, old));
      first.push(put(collection, old ?? record, null));
    }
  }
  for (const record of sources) first.push(put('sources', record, null));
  for (const record of series) first.push(put('series', record, null));
  const removed: Change[] = s.deleted.map((m, i) => {
    const stem = base('d', i);
    const w = `deleted relationship ${i}`;
    const gone: Relationship = { id: `relationship--gone-${i}`, type: 'allied-with', sourceActorId: anyActor().id, targetActorId: anyActor().id, confidence: 'low', description: `Gone ${tok(m, stem, 'D', w)}.`, marking: m, citations: cite(m, stem, w) };
    first.push(put('relationships', gone, null));
    return { op: 'delete', collection: 'relationships', id: gone.id, before: gone } as Change;
  });
  const entry = (seq: number, changes: Change[]): AuditEntry => ({ seq, at: '2025-01-01T00:00:00.000Z', by: 'leak tester', summary: 'generated', kind: 'edit', changes });
  const description = `About the case ${tok(s.defaultMarking, base('c', 0), 'D', 'case description')}.`;
  const doc: CaseDocument = { ...emptyCase('case--leak', 'Leak test case', '2025-01-01T00:00:00.000Z'), description, defaultMarking: s.defaultMarking, events, actors, sources, series, relationships, attachments, matrices, matrixRows: rows };
  // Rows as the app keeps them: with their basis (digests of what they cite), which must not leave either.
  const lookup = listLookup(doc);
  doc.matrixRows = rows.map((row) => ({ ...row, basis: basisOf(row, lookup) }));
  // Matrices and rows are put in the history too, so their listed version hashes are checked as well.
  for (const record of doc.matrices) first.push(put('matrices', record, null));
  for (const record of doc.matrixRows) first.push(put('matrixRows', record, null));
  doc.history = [entry(1, first), ...(then.length ? [entry(2, then)] : []), ...(removed.length ? [entry(3, removed)] : [])];
  return { doc, tokens, files };
}
