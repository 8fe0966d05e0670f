import type { CitableCollection } from '../domain/ach';
import type { CaseDocument } from '../domain/case';
import type { Marking } from '../domain/marking';
import { citedLabel, claimLabel, type AchLookup } from './lookup';

export interface CiteHit {
  collection: CitableCollection;
  id: string;
  label: string;
  marking: Marking;
  /** An event's responsibility claims, each citable on its own. */
  claims?: Array<{ id: string; label: string }>;
}

/**
 * Records a row may cite whose name contains every word of `query` (case-insensitive), or whose
 * id is `query`: sources, events, actors (by any alias), relationships; at most `limit`, in
 * that order. One pass; it stops once the limit is reached.
 */
export function searchCitable(doc: Pick<CaseDocument, CitableCollection>, lookup: Pick<AchLookup, 'get'>, query: string, limit: number): CiteHit[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const hits: CiteHit[] = [];
  if (words.length === 0) return hits;
  const matches = (id: string, ...texts: string[]) => id === query.trim() || words.every((w) => texts.some((t) => t.toLocaleLowerCase().includes(w)));
  for (const s of doc.sources) {
    if (hits.length >= limit) return hits;
    if (matches(s.id, s.title, s.outlet ?? '', s.publisher ?? '')) hits.push({ collection: 'sources', id: s.id, label: s.title, marking: s.marking });
  }
  for (const e of doc.events) {
    if (hits.length >= limit) return hits;
    if (matches(e.id, e.title, e.date.value, e.location.place ?? '')) {
      hits.push({ collection: 'events', id: e.id, label: `${e.date.value} ${e.title}`, marking: e.marking, claims: e.responsibility.slice(0, 50).map((c) => ({ id: c.id, label: claimLabel(c, lookup) })) });
    }
  }
  for (const a of doc.actors) {
    if (hits.length >= limit) return hits;
    if (matches(a.id, a.name, ...a.aliases.map((x) => x.name))) hits.push({ collection: 'actors', id: a.id, label: a.name, marking: a.marking });
  }
  for (const r of doc.relationships) {
    if (hits.length >= limit) return hits;
    const label = citedLabel('relationships', r, lookup);
    if (matches(r.id, label)) hits.push({ collection: 'relationships', id: r.id, label, marking: r.marking });
  }
  return hits;
}
