import { citeKey, LEVEL_LABELS, MAX_SUPPORT, type AchCite, type AchRow, type CitableCollection, type Level, type RowBasis } from '../domain/ach';
import type { Citation } from '../domain/citation';
import type { Marking } from '../domain/marking';
import type { Reliability } from '../domain/source';
import { bestGrade, effectiveCredibility, gradeOf } from './credibility';
import { digestOf } from './digest';
import { citedLabel, claimLabel, type AchLookup } from './lookup';
import { rowWeight } from './score';
import { recordNoun } from '../text/format';

export type CiteState = 'ok' | 'deleted' | 'merged' | 'claim-withdrawn';

/** A cite as the case holds it now. */
export interface CiteStatus {
  key: string;
  collection: CitableCollection;
  id: string;
  claimId?: string;
  label: string;
  /** The cited record's marking; null when it is gone. */
  marking: Marking | null;
  state: CiteState;
  /** For an actor merged away: the actor it went into. */
  mergedInto?: { id: string; label: string };
}

/** One graded source behind a row. */
export interface SupportLine {
  sourceId: string;
  label: string;
  reliability: Reliability;
  credibility: number;
  grade: Level;
  marking: Marking;
  /** The key of the cite it comes through. */
  via: string;
}

/** Everything about a row that depends on the rest of the case. */
export interface RowStatus {
  cites: CiteStatus[];
  support: SupportLine[];
  /** Proposed from the support; null when the row rests on no graded source. */
  proposed: Level | null;
  /** What the row is weighed with: the override, else the proposal, else Medium. */
  credibility: Level;
  overridden: boolean;
  weight: number;
  /** Why the row needs a look, in words; empty when nothing it rests on changed. */
  flags: string[];
}

interface ResolvedCite {
  status: CiteStatus;
  /** What the digest is taken of (the record, or the claim); absent when gone. */
  target?: unknown;
  /** The citations behind it, with the credibility of the information. */
  pairs: Array<Pick<Citation, 'sourceId' | 'credibility'>>;
}

function resolveCite(cite: AchCite, lookup: AchLookup): ResolvedCite {
  const key = citeKey(cite);
  const base = { key, collection: cite.collection, id: cite.id, ...(cite.claimId ? { claimId: cite.claimId } : {}) };
  const gone = (state: CiteState, label: string, extra: Partial<CiteStatus> = {}): ResolvedCite => ({ status: { ...base, label, marking: null, state, ...extra }, pairs: [] });
  const lastLabel = () => lookup.lastLabel?.(cite.collection, cite.id) ?? cite.id;
  switch (cite.collection) {
    case 'sources': {
      const source = lookup.get('sources', cite.id);
      if (!source) return gone('deleted', lastLabel());
      return { status: { ...base, label: source.title, marking: source.marking, state: 'ok' }, target: source, pairs: [{ sourceId: source.id, credibility: cite.credibility ?? 6 }] };
    }
    case 'events': {
      const event = lookup.get('events', cite.id);
      if (!event) return gone('deleted', lastLabel());
      if (!cite.claimId) return { status: { ...base, label: event.title, marking: event.marking, state: 'ok' }, target: event, pairs: event.citations };
      const claim = event.responsibility.find((c) => c.id === cite.claimId);
      if (!claim) return gone('claim-withdrawn', `a claim in “${event.title}”`);
      return { status: { ...base, label: `${claimLabel(claim, lookup)}, in “${event.title}”`, marking: event.marking, state: 'ok' }, target: claim, pairs: claim.citations };
    }
    case 'actors': {
      const actor = lookup.get('actors', cite.id);
      if (actor) return { status: { ...base, label: actor.name, marking: actor.marking, state: 'ok' }, target: actor, pairs: actor.citations };
      const survivor = lookup.survivorOf?.(cite.id);
      const into = survivor && survivor !== cite.id ? lookup.get('actors', survivor) : undefined;
      return into ? gone('merged', lastLabel(), { mergedInto: { id: into.id, label: into.name } }) : gone('deleted', lastLabel());
    }
    case 'relationships': {
      const rel = lookup.get('relationships', cite.id);
      if (!rel) return gone('deleted', lastLabel());
      return { status: { ...base, label: citedLabel('relationships', rel, lookup), marking: rel.marking, state: 'ok' }, target: rel, pairs: rel.citations };
    }
  }
}

function supportOf(resolved: readonly ResolvedCite[], lookup: AchLookup): SupportLine[] {
  const out: SupportLine[] = [];
  for (const r of resolved) {
    for (const pair of r.pairs) {
      const source = lookup.get('sources', pair.sourceId);
      if (!source) continue;
      out.push({ sourceId: source.id, label: source.title, reliability: source.reliability, credibility: pair.credibility, grade: gradeOf(source.reliability, pair.credibility), marking: source.marking, via: r.status.key });
    }
  }
  return out;
}

/** Source id → its grades behind the row, e.g. "B2 C3" (sorted, each once). */
function supportGrades(support: readonly SupportLine[]): Record<string, string> {
  const grades = new Map<string, Set<string>>();
  for (const s of support) {
    const set = grades.get(s.sourceId) ?? new Set<string>();
    set.add(`${s.reliability}${s.credibility}`);
    grades.set(s.sourceId, set);
  }
  return Object.fromEntries([...grades].map(([id, set]) => [id, [...set].sort().join(' ')]));
}

/** What the row rests on now, to be kept as its basis when the analyst reviews it. */
export function basisOf(row: Pick<AchRow, 'cites'>, lookup: AchLookup): RowBasis {
  const resolved = row.cites.map((c) => resolveCite(c, lookup));
  const support = supportOf(resolved, lookup);
  const seen: Record<string, string> = {};
  for (const r of resolved) if (r.target !== undefined) seen[r.status.key] = digestOf(r.target);
  const grades = Object.entries(supportGrades(support)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const listed = Object.fromEntries(grades.slice(0, MAX_SUPPORT));
  const unlisted = grades.length - MAX_SUPPORT;
  return { seen, support: listed, proposed: bestGrade(support.map((s) => s.grade)), ...(unlisted > 0 ? { unlisted } : {}) };
}

export function resolveRow(row: AchRow, lookup: AchLookup): RowStatus {
  const resolved = row.cites.map((c) => resolveCite(c, lookup));
  const support = supportOf(resolved, lookup);
  const proposed = bestGrade(support.map((s) => s.grade));
  const credibility = effectiveCredibility(row, proposed);
  return {
    cites: resolved.map((r) => r.status),
    support,
    proposed,
    credibility,
    overridden: row.credibility !== undefined,
    weight: rowWeight(credibility, row.relevance),
    flags: flagsOf(row, resolved, support, proposed, lookup),
  };
}

const levelText = (level: Level | null): string => (level ? LEVEL_LABELS[level] : 'none');

function flagsOf(row: AchRow, resolved: readonly ResolvedCite[], support: readonly SupportLine[], proposed: Level | null, lookup: AchLookup): string[] {
  const flags: string[] = [];
  const basis = row.basis;
  if (row.kind === 'evidence' && row.cites.length === 0) flags.push('cites no record of this case');
  const goneSources = new Set<string>();
  for (const { status, target } of resolved) {
    const seenBefore = basis?.seen[status.key];
    if (status.state === 'deleted') {
      if (status.collection === 'sources') goneSources.add(status.id);
      flags.push(seenBefore !== undefined ? `“${status.label}” was deleted` : `cites ${recordNoun(status.collection)} ${status.id}, which this case does not hold`);
    } else if (status.state === 'merged') {
      flags.push(`“${status.label}” was merged into “${status.mergedInto?.label ?? ''}”`);
    } else if (status.state === 'claim-withdrawn') {
      flags.push(`the claim it cites was withdrawn (${status.label})`);
    } else if (seenBefore !== undefined && seenBefore !== digestOf(target)) {
      flags.push(`“${status.label}” changed since the row was reviewed`);
    }
  }
  if (!basis) {
    if (row.kind === 'evidence' && row.cites.length > 0) flags.push('not yet reviewed in this case');
    return flags;
  }
  const now = supportGrades(support);
  const label = (id: string) => lookup.get('sources', id)?.title ?? lookup.lastLabel?.('sources', id) ?? id;
  // A basis past MAX_SUPPORT lists the first sources by id and counts the rest: a source sorting
  // after the last listed one may have been among those counted, so only the count is compared.
  const listed = Object.keys(basis.support);
  const lastListed = basis.unlisted === undefined ? undefined : listed.reduce((a, b) => (b > a ? b : a), '');
  const counted = (id: string) => lastListed !== undefined && id > lastListed;
  for (const id of new Set([...listed, ...Object.keys(now)])) {
    const before = basis.support[id];
    const after = now[id];
    if (before === after || (before === undefined && counted(id))) continue;
    if (after === undefined) {
      if (!goneSources.has(id)) flags.push(`source “${label(id)}” no longer supports it`);
    } else if (before === undefined) {
      flags.push(`source “${label(id)}” now also supports it`);
    } else {
      const [relBefore, relAfter] = [letters(before), letters(after)];
      flags.push(relBefore !== relAfter ? `source “${label(id)}” re-graded ${relBefore} → ${relAfter}` : `credibility of what “${label(id)}” says changed (${before} → ${after})`);
    }
  }
  if (basis.unlisted !== undefined) {
    const beyond = Object.keys(now).filter(counted).length;
    if (beyond !== basis.unlisted) flags.push(`${beyond} unlisted sources stand behind it now (${basis.unlisted} when reviewed)`);
  }
  if (basis.proposed !== proposed) flags.push(`proposed credibility ${levelText(basis.proposed)} → ${levelText(proposed)}${row.credibility ? ' (your override stands)' : ''}`);
  return flags;
}

/** The reliability letters of a grades text, e.g. "B2 B3" → "B". */
function letters(grades: string): string {
  return [...new Set(grades.split(' ').map((g) => g.charAt(0)))].join('/');
}
