import type { AchMatrix, AchRow } from '../domain/ach';
import type { Actor } from '../domain/actor';
import type { Citation } from '../domain/citation';
import { participantsOf, type Event } from '../domain/event';
import { eventMatches, seriesMatching, type EventFilter } from '../domain/filters';
import { isWithinMarking, markingRank, type Marking } from '../domain/marking';
import { comparePartialDates } from '../domain/partial-date';
import type { Relationship } from '../domain/relationship';
import type { Series } from '../domain/series';
import type { Source } from '../domain/source';
import type { LeftOut } from './document';

/** The case data a report (and its clipboard summary) is built from. */
export interface ReportInput {
  caseName: string;
  events: readonly Event[];
  actors: readonly Actor[];
  sources: readonly Source[];
  series: readonly Series[];
  /** Only the clipboard summary counts them; no report section lists relationships. */
  relationships?: readonly Relationship[];
  /** The shared view filters; what they do not select is simply not part of the report. */
  filter?: EventFilter;
  /** ACH matrices and their rows, for the "ach" section (cut in report/ach-section.ts). */
  matrices?: readonly AchMatrix[];
  matrixRows?: readonly AchRow[];
}

/** What a report may contain: what its filters select, cut at its maximum marking. */
export interface ReportSelection {
  /** Oldest first. */
  events: Event[];
  actors: Actor[];
  relationships: Relationship[];
  sources: Source[];
  series: Series[];
  /** Records the filters select that the maximum marking cuts, with the reason; shown before anything is written. */
  leftOut: LeftOut[];
  /** The most restrictive marking among the events, actors, sources and series selected. */
  marking: Marking;
}

interface Marked {
  id: string;
  marking: Marking;
}

/**
 * The one rule for what a report, its preview and its clipboard summary hold (docs/analytics-report.md):
 * - events: those the filter selects;
 * - actors: with no filter (or one on marking alone), every actor; otherwise the actors the
 *   selected events name (claims, who made them, participants) and those the filter picks;
 * - series: those the filter selects (`seriesMatching`: its actors, its dates);
 * - sources: with no filter, every source; otherwise those the selected records cite;
 * - relationships: those between selected actors.
 * Each is then cut at `max` (and the filter's own marking); a record the filter selects but `max`
 * cuts is listed in `leftOut`. References are followed only from records that stay, so nothing
 * is selected merely because a withheld record points at it.
 */
export function selectReport(input: ReportInput, max: Marking): ReportSelection {
  const filter = input.filter ?? {};
  const narrowed = Object.keys(filter).some((k) => k !== 'maxMarking');
  const cutBy: Record<'events' | 'actors' | 'sources' | 'series', LeftOut[]> = { events: [], actors: [], sources: [], series: [] };
  const cut = <T extends Marked>(records: readonly T[], collection: keyof typeof cutBy, title: (r: T) => string): T[] =>
    records.filter((r) => {
      if (filter.maxMarking && !isWithinMarking(r.marking, filter.maxMarking)) return false;
      if (isWithinMarking(r.marking, max)) return true;
      cutBy[collection].push({ collection, id: r.id, title: title(r), marking: r.marking, reason: `marked ${r.marking}, above the report's maximum ${max}` });
      return false;
    });

  const events = cut(
    input.events.filter((e) => eventMatches(e, filter)),
    'events',
    (e) => e.title,
  ).sort((a, b) => comparePartialDates(a.date, b.date));

  let actorCandidates: readonly Actor[] = input.actors;
  if (narrowed) {
    const named = new Set(filter.actorIds ?? []);
    for (const e of events) {
      for (const c of e.responsibility) {
        named.add(c.actorId);
        if (c.byActorId) named.add(c.byActorId);
      }
      for (const p of participantsOf(e)) named.add(p.actorId);
    }
    actorCandidates = input.actors.filter((a) => named.has(a.id));
  }
  const actors = cut(actorCandidates, 'actors', (a) => a.name);
  const series = cut(seriesMatching(input.series, filter), 'series', (s) => s.title);
  const actorIds = new Set(actors.map((a) => a.id));
  const relationships = (input.relationships ?? []).filter(
    (r) => actorIds.has(r.sourceActorId) && actorIds.has(r.targetActorId) && isWithinMarking(r.marking, max) && (!filter.maxMarking || isWithinMarking(r.marking, filter.maxMarking)),
  );

  let sourceCandidates: readonly Source[] = input.sources;
  if (narrowed) {
    const cited = new Set<string>();
    const add = (citations: readonly Citation[]) => citations.forEach((c) => cited.add(c.sourceId));
    for (const e of events) {
      add(e.citations);
      e.responsibility.forEach((c) => add(c.citations));
      participantsOf(e).forEach((p) => add(p.citations));
    }
    for (const a of actors) {
      add(a.citations);
      a.aliases.forEach((al) => add(al.citations));
      if (a.status) add(a.status.citations);
    }
    series.forEach((s) => add(s.citations));
    relationships.forEach((r) => add(r.citations));
    sourceCandidates = input.sources.filter((s) => cited.has(s.id));
  }
  const sources = cut(sourceCandidates, 'sources', (s) => s.title);

  const included: Marked[] = [...events, ...actors, ...sources, ...series];
  const marking = included.reduce<Marking>((m, r) => (markingRank(r.marking) > markingRank(m) ? r.marking : m), 'TLP:CLEAR');
  const leftOut = [...cutBy.events, ...cutBy.actors, ...cutBy.sources, ...cutBy.series];
  return { events, actors, relationships, sources, series, leftOut, marking };
}
