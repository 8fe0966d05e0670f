import type { CaseDocument } from '../../shared/domain/case';
import type { Marking } from '../../shared/domain/marking';
import type { CitedKind } from '../../shared/domain/written-report';
import { actorNames, NameIndex } from '../../shared/names';

export interface CiteCandidate {
  kind: CitedKind;
  id: string;
  label: string;
  /** A second line: a source's authors, outlet, publisher and date, an event's date and place, an actor's kind. */
  detail: string;
  marking: Marking;
}

const CITED = new Set(['sources', 'events', 'actors']);

/**
 * What a citation may point at, found by the case's name search (any script, transliteration
 * variants; shared/names): sources by title, outlet, publisher and authors, events by title and place,
 * actors by every name. The index is rebuilt only when an edit touched sources, events or
 * actors, so saving report text (an edit every few seconds while typing) keeps it.
 */
export class CitationSearch {
  private doc: CaseDocument | null = null;
  private seenHistory = 0;
  private index: NameIndex | null = null;

  search(doc: CaseDocument, query: string, limit: number): CiteCandidate[] {
    const index = this.indexFor(doc);
    const byKey = new Map<string, CiteCandidate>();
    const out: CiteCandidate[] = [];
    for (const hit of index.search(query, limit * 2)) {
      const candidate = byKey.get(hit.id) ?? describeCited(doc, ...splitKey(hit.id));
      if (!candidate) continue;
      byKey.set(hit.id, candidate);
      out.push(candidate);
      if (out.length >= limit) break;
    }
    return out;
  }

  private indexFor(doc: CaseDocument): NameIndex {
    const history = doc.history;
    let stale = this.index === null || this.doc !== doc || history.length < this.seenHistory;
    for (let i = this.seenHistory; !stale && i < history.length; i++) {
      stale = history[i]?.changes.some((c) => CITED.has(c.collection)) ?? false;
    }
    if (stale || !this.index) {
      this.index = new NameIndex([
        ...doc.sources.map((s) => ({ id: `sources:${s.id}`, names: [s.title, ...(s.outlet ? [s.outlet] : []), ...(s.publisher ? [s.publisher] : []), ...s.authors] })),
        ...doc.events.map((e) => ({ id: `events:${e.id}`, names: [e.title, ...(e.location.place ? [e.location.place] : [])] })),
        ...doc.actors.map((a) => ({ id: `actors:${a.id}`, names: actorNames(a) })),
      ]);
      this.doc = doc;
    }
    this.seenHistory = history.length;
    return this.index;
  }
}

function splitKey(key: string): [CitedKind, string] {
  const at = key.indexOf(':');
  return [key.slice(0, at) as CitedKind, key.slice(at + 1)];
}

/** A cited record as the writer shows it, or undefined when the case no longer holds it. */
export function describeCited(doc: Pick<CaseDocument, 'sources' | 'events' | 'actors'>, kind: CitedKind, id: string, get?: (kind: CitedKind, id: string) => unknown): CiteCandidate | undefined {
  const found = get ? get(kind, id) : (doc[kind] as ReadonlyArray<{ id: string }>).find((r) => r.id === id);
  if (!found) return undefined;
  if (kind === 'sources') {
    const s = found as CaseDocument['sources'][number];
    return { kind, id, label: s.title, detail: [s.authors.join(', '), s.outlet, s.publisher, s.date?.value].filter(Boolean).join(' · '), marking: s.marking };
  }
  if (kind === 'events') {
    const e = found as CaseDocument['events'][number];
    return { kind, id, label: e.title, detail: [e.date.value, e.location.place, e.location.country].filter(Boolean).join(' · '), marking: e.marking };
  }
  const a = found as CaseDocument['actors'][number];
  return { kind, id, label: a.name, detail: a.kind, marking: a.marking };
}
