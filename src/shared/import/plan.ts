import type { Change } from '../domain/audit';
import type { CaseDocument } from '../domain/case';
import type { Citation } from '../domain/citation';
import { participantsOf, type Event, type EventParticipant, type ResponsibilityClaim } from '../domain/event';
import { newId } from '../domain/ids';
import type { Marking } from '../domain/marking';
import { ActorMatcher, type ActorProposal, type MatchDecisions } from './actors';
import { subjectOfEvent, type RowFilter } from './filters';
import { FileSpan } from './file-span';
import { SourceMatcher } from './sources';
import { categoryLabel } from '../text/format';
import { foldName, idSlug, sameJson } from './text';
import type { DatasetInfo, ImportItem } from './types';

export type RowStatus = 'add' | 'update' | 'unchanged' | 'duplicate';

/** What the import will do with one row. */
export interface PlannedRow {
  line: number;
  status: RowStatus;
  eventId: string;
  title: string;
  date: string;
  /** For duplicates: the event or line it repeats. For adds: an existing event it may repeat. */
  duplicateOf?: string;
}

export interface PlanCounts {
  add: number;
  update: number;
  unchanged: number;
  duplicate: number;
  actorsMatched: number;
  actorsNew: number;
  sourcesNew: number;
  missing: number;
  /** Updated events whose category the file now gives differently (e.g. imported before ACLED types kept their meaning). */
  recategorised: number;
  /** Updated events whose claims of responsibility from this dataset change (who, or what kind). */
  responsibilityChanged: number;
}

/** An event of the same dataset already in the case that the file no longer lists. */
export interface MissingEvent {
  id: string;
  title: string;
  date: string;
}

export interface ImportPlan {
  changes: Change[];
  rows: PlannedRow[];
  counts: PlanCounts;
  missing: MissingEvent[];
  /** What the analyst should know before committing, as sentences (e.g. the corrections above). */
  notes: string[];
  /** Case actors the file's names may stand for, each used only when accepted. */
  proposals: ActorProposal[];
  /** The marking new records get (re-imported events keep theirs); null when not said (a STIX plan made without one). */
  marking: Marking | null;
  summary: string;
}

export interface PlanOptions {
  dataset: DatasetInfo;
  fileName: string;
  /** Delete the dataset's events the file no longer lists (the analyst chose to). */
  removeMissing?: boolean;
  /**
   * The caller will not read the items again: each is dropped once planned, and the array is
   * left empty, so the mapped rows and the plan made from them are not held at once.
   */
  consume?: boolean;
  /** The marking new records get; the case's default when not given. */
  marking?: Marking;
  /** Which proposed actor matches the analyst accepted. */
  accepted?: MatchDecisions;
  /** The rows were filtered: only the dataset's events this filter keeps can be missing from the file. */
  filter?: RowFilter;
}

type CaseView = Pick<CaseDocument, 'events' | 'actors' | 'sources' | 'defaultMarking'>;

/** Date, country, place and title, folded: rows and events with the same key are likely the same. */
function duplicateKey(e: Pick<Event, 'date' | 'location' | 'title'>): string {
  const where = e.location.place ?? e.location.admin2 ?? e.location.admin1 ?? '';
  return `${e.date.value}|${e.location.country}|${foldName(where)}|${foldName(e.title)}`;
}

/**
 * Works out, against the case as it stands, which rows add, update, repeat or leave events
 * unchanged, which actors and sources are new, and which of the dataset's events the file no
 * longer lists. Pure: the same input gives the same plan, so preview and commit agree.
 */
export function buildPlan(items: ImportItem[] | readonly ImportItem[], doc: CaseView, options: PlanOptions): ImportPlan {
  const { dataset } = options;
  const marking = options.marking ?? doc.defaultMarking;
  const actors = new ActorMatcher(doc.actors, marking, `${dataset.title} (${options.fileName})`, options.accepted);
  const sources = new SourceMatcher(doc.sources, marking);
  const datasetSourceId = sources.dataset(dataset);
  const prefix = `event--${dataset.key}-`;
  const byId = new Map(doc.events.map((e) => [e.id, e]));
  const byKey = new Map<string, string>();
  for (const e of doc.events) byKey.set(duplicateKey(e), e.id);

  const rows: PlannedRow[] = [];
  const eventChanges: Change[] = [];
  const seenIds = new Map<string, number>();
  const counts: PlanCounts = { add: 0, update: 0, unchanged: 0, duplicate: 0, actorsMatched: 0, actorsNew: 0, sourcesNew: 0, missing: 0, recategorised: 0, responsibilityChanged: 0 };
  const corrections = new Corrections();
  const span = new FileSpan();
  const taken = options.consume ? (items as (ImportItem | undefined)[]) : null;

  for (let i = 0; i < items.length; i++) {
    const item = items[i] as ImportItem;
    if (taken) taken[i] = undefined;
    span.add(item);
    const eventId = item.externalId ? `${prefix}${idSlug(item.externalId)}` : null;
    const key = duplicateKey(item.event);
    const earlierLine = eventId ? seenIds.get(eventId) : undefined;
    const keyMatch = byKey.get(key);
    if (earlierLine !== undefined || (!eventId && keyMatch)) {
      counts.duplicate++;
      rows.push(plannedRow(item, 'duplicate', eventId ?? keyMatch ?? '', earlierLine !== undefined ? `line ${earlierLine}` : (keyMatch ?? '')));
      continue;
    }
    const id = eventId ?? newId('event');
    seenIds.set(id, item.line);
    const event = toEvent(item, id, dataset, datasetSourceId, actors, sources, marking);
    const existing = byId.get(id);
    if (!existing) {
      byKey.set(key, id);
      counts.add++;
      rows.push(plannedRow(item, 'add', id, keyMatch && keyMatch !== id ? keyMatch : undefined));
      eventChanges.push({ op: 'put', collection: 'events', id, before: null, after: event });
      continue;
    }
    const merged = mergeInto(existing, event, datasetSourceId, new Set(item.sources.map((s) => sources.publisher(s))));
    if (sameJson(existing, merged)) {
      counts.unchanged++;
      rows.push(plannedRow(item, 'unchanged', id));
    } else {
      counts.update++;
      corrections.add(existing, merged);
      rows.push(plannedRow(item, 'update', id));
      eventChanges.push({ op: 'put', collection: 'events', id, before: existing, after: merged });
    }
  }

  if (taken) taken.length = 0;
  const missing = span.missingFrom(doc.events, prefix, seenIds, keptBy(options.filter, doc.actors));
  counts.missing = missing.length;
  counts.actorsNew = actors.created.length;
  counts.actorsMatched = actors.matched.size;
  counts.sourcesNew = sources.created.length;
  counts.recategorised = corrections.recategorised;
  counts.responsibilityChanged = corrections.responsibilityChanged;
  const changes: Change[] = [
    ...sources.created.map((after): Change => ({ op: 'put', collection: 'sources', id: after.id, before: null, after })),
    ...actors.created.map((after): Change => ({ op: 'put', collection: 'actors', id: after.id, before: null, after })),
    ...eventChanges,
  ];
  if (options.removeMissing) {
    for (const m of missing) {
      const before = byId.get(m.id);
      if (before) changes.push({ op: 'delete', collection: 'events', id: m.id, before });
    }
  }
  const removed = options.removeMissing && missing.length > 0 ? `, ${missing.length} removed` : '';
  const summary = `Imported ${options.fileName}: ${counts.add} added, ${counts.update} updated, ${counts.unchanged + counts.duplicate} skipped${removed}; new records marked ${marking}`;
  return { changes, rows, counts, missing, notes: corrections.notes(), proposals: actors.proposalList(), marking, summary };
}

/** Which of the case's events a row filter would have kept (all when there is none). */
function keptBy(filter: RowFilter | undefined, actors: CaseView['actors']): ((e: Event) => boolean) | undefined {
  if (!filter) return undefined;
  const names = new Map(actors.map((a) => [a.id, [a.name, ...a.aliases.map((x) => x.name)]]));
  return (e) => filter.test(subjectOfEvent(e, (id) => names.get(id) ?? []));
}

function toEvent(item: ImportItem, id: string, dataset: DatasetInfo, datasetSourceId: string, actors: ActorMatcher, sources: SourceMatcher, marking: Event['marking']): Event {
  const locator = item.externalId ? `${dataset.key.toUpperCase()} ${item.externalId}` : `line ${item.line}`;
  const citations: Citation[] = [{ sourceId: datasetSourceId, locator, credibility: 6 }];
  for (const name of item.sources) {
    const sourceId = sources.publisher(name);
    if (!citations.some((c) => c.sourceId === sourceId)) citations.push({ sourceId, credibility: 6 });
  }
  const claimBase = id.replace(/^event--/, 'claim--');
  const rowCitation: Citation = { sourceId: datasetSourceId, locator, credibility: 6 };
  const responsibility: ResponsibilityClaim[] = [];
  const participants: EventParticipant[] = [];
  for (const mention of item.actors) {
    const actorId = actors.resolve(mention);
    if (mention.as === 'target' || mention.as === 'participant') {
      const role = mention.as;
      if (!participants.some((p) => p.actorId === actorId && p.role === role)) participants.push({ actorId, role, citations: [rowCitation] });
      continue;
    }
    if (responsibility.some((c) => c.actorId === actorId)) continue;
    const claimId = item.externalId ? `${claimBase}-${responsibility.length + 1}` : newId('claim');
    responsibility.push({ id: claimId, actorId, kind: mention.as, by: dataset.publisher ?? dataset.title, confidence: 'medium', citations: [rowCitation] });
  }
  if (participants.length > 0) return copyWith(item.event, { id, marking, responsibility, participants, citations });
  return copyWith(item.event, { id, marking, responsibility, citations });
}

/** A row of the plan, as a plain literal (see copyWith: a spread here cost each row a hidden class). */
function plannedRow(item: ImportItem, status: RowStatus, eventId: string, duplicateOf?: string): PlannedRow {
  const { line } = item;
  const { title } = item.event;
  const date = item.event.date.value;
  return duplicateOf === undefined ? { line, status, eventId, title, date } : { line, status, eventId, title, date, duplicateOf };
}

/**
 * `{ ...base, ...extra }` built with Object.assign: V8 gave nearly every object made by a spread
 * followed by more properties a hidden class of its own (about 750 bytes per imported event, most
 * of a million-row import's heap); Object.assign's copies share one.
 */
function copyWith<B extends object, E extends object>(base: B, extra: E): B & E {
  return Object.assign({}, base, extra);
}

/**
 * A re-imported event takes the file's fields but keeps what the analyst added: its marking,
 * a scope they set, claims, participants and citations that did not come from this dataset, and extra tags.
 */
function mergeInto(existing: Event, incoming: Event, datasetSourceId: string, rowSources: Set<string>): Event {
  const claimBase = incoming.id.replace(/^event--/, 'claim--');
  const ownClaim = (c: ResponsibilityClaim): boolean => c.id.startsWith(`${claimBase}-`);
  const ownCitation = (c: Citation): boolean => c.sourceId === datasetSourceId || rowSources.has(c.sourceId);
  const tags = [...incoming.tags, ...existing.tags.filter((t) => !incoming.tags.includes(t))];
  return copyWith(incoming, {
    marking: existing.marking,
    scope: incoming.scope === 'unknown' ? existing.scope : incoming.scope,
    responsibility: [...existing.responsibility.filter((c) => !ownClaim(c)), ...incoming.responsibility],
    ...withParticipants([...participantsOf(existing).filter((p) => !p.citations.some((c) => c.sourceId === datasetSourceId)), ...participantsOf(incoming)]),
    citations: [...existing.citations.filter((c) => !ownCitation(c)), ...incoming.citations],
    tags,
  });
}

/** The participants field, left out when there are none so events without any keep their shape. */
function withParticipants(participants: EventParticipant[]): Pick<Event, 'participants'> {
  return participants.length > 0 ? { participants } : {};
}

/** How updates change what events are and who is held responsible for them, for the preview. */
class Corrections {
  recategorised = 0;
  responsibilityChanged = 0;
  private readonly moves = new Map<string, number>();

  add(before: Event, after: Event): void {
    if (before.category !== after.category) {
      this.recategorised++;
      const move = `${categoryLabel(before.category)} → ${categoryLabel(after.category)}`;
      this.moves.set(move, (this.moves.get(move) ?? 0) + 1);
    }
    if (claimsKey(before.responsibility) !== claimsKey(after.responsibility)) this.responsibilityChanged++;
  }

  notes(): string[] {
    const out: string[] = [];
    if (this.recategorised > 0) {
      const moves = [...this.moves].sort(([a], [b]) => a.localeCompare(b)).map(([move, n]) => `${move} ${n}`);
      out.push(`${this.recategorised} ${this.recategorised === 1 ? 'event changes' : 'events change'} category: ${moves.join(', ')}.`);
    }
    if (this.responsibilityChanged > 0) {
      out.push(`${this.responsibilityChanged} ${this.responsibilityChanged === 1 ? 'event changes' : 'events change'} who is held responsible: the dataset's claims are replaced by what the file says now (claims you added are kept).`);
    }
    return out;
  }
}

/** Who is held responsible and how, in a stable order. */
function claimsKey(claims: readonly ResponsibilityClaim[]): string {
  return claims.map((c) => `${c.actorId}:${c.kind}`).sort().join('|');
}
