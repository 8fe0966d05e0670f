import type { Actor } from '../../domain/actor';
import type { Citation } from '../../domain/citation';
import { participantsOf, type Event, type EventParticipant } from '../../domain/event';
import { TLP2_STIX_IDS, type Marking } from '../../domain/marking';
import { partialDateSpan, type PartialDate } from '../../domain/partial-date';
import type { Relationship } from '../../domain/relationship';
import type { Series } from '../../domain/series';
import type { Source } from '../../domain/source';
import { TLP2_EXTENSION_ID, hashUuid, stixIdFor } from './ids';
import { ACTOR_STIX_TYPE, CONFIDENCE_SCORE } from './mapping';
import type { StixBundle, StixEncodeOptions, StixObject, StixRecords } from './types';

/**
 * Writes our records as one STIX 2.1 bundle: events → incident, actors → threat-actor /
 * intrusion-set / identity by kind, relationships → relationship, responsibility claims →
 * `attributed-to` relationships from the incident, participants → `targets` (targets) or
 * `related-to` (other participants) relationships from the incident, series → note,
 * citations → external references, markings → TLP 2.0 object_marking_refs, the case → a report over everything.
 * Whatever STIX has no property for goes into documented `x_casefile_*` properties, so that
 * `stixBundleToRecords` gives back the same records.
 */
export function caseToStixBundle(records: StixRecords, options: StixEncodeOptions = {}): StixBundle {
  const now = stixTime(options.now ?? new Date().toISOString());
  const sources = new Map(records.sources.map((s) => [s.id, s]));
  const actorIds = new Map(records.actors.map((a) => [a.id, stixIdFor(ACTOR_STIX_TYPE[a.kind], a.id)]));
  const markings = new Set<Marking>();
  const ctx: Ctx = { now, sources, actorIds, markings };
  const objects: StixObject[] = [];
  for (const actor of records.actors) objects.push(actorObject(actor, ctx));
  for (const event of records.events) {
    objects.push(eventObject(event, ctx));
    for (const claim of event.responsibility) {
      objects.push(
        compact({
          ...core('relationship', stixIdFor('relationship', claim.id), ctx, event.marking),
          relationship_type: 'attributed-to',
          source_ref: stixIdFor('incident', event.id),
          target_ref: actorIds.get(claim.actorId) ?? stixIdFor('threat-actor', claim.actorId),
          description: claim.by,
          confidence: CONFIDENCE_SCORE[claim.confidence],
          external_references: references(claim.citations, ctx),
          x_casefile_claim_id: claim.id,
          x_casefile_claim_kind: claim.kind,
          x_casefile_by: claim.by,
          x_casefile_by_actor_id: claim.byActorId,
          x_casefile_confidence: claim.confidence,
          x_casefile_citations: nonEmpty(claim.citations),
        }),
      );
    }
    participantsOf(event).forEach((participant, index, all) => objects.push(participantObject(event, participant, occurrence(all, index), ctx)));
  }
  for (const relationship of records.relationships) objects.push(relationshipObject(relationship, ctx));
  const reportId = `report--${hashUuid(`report|${options.caseId ?? options.caseName ?? 'case'}|${now}`)}`;
  for (const series of records.series) objects.push(seriesObject(series, ctx, reportId));
  const markingObjects = [...markings].map(markingDefinition);
  const report = compact({
    ...core('report', reportId, ctx, null),
    name: options.caseName ?? 'Casefile export',
    description: options.caseDescription,
    published: now,
    report_types: ['threat-report'],
    object_refs: objects.length > 0 ? objects.map((o) => o.id) : markingObjects.map((m) => m.id).concat(TLP2_STIX_IDS['TLP:CLEAR']).slice(0, 1),
    x_casefile_case_id: options.caseId,
    x_casefile_sources: nonEmpty(records.sources),
  });
  return { type: 'bundle', id: `bundle--${hashUuid(`bundle|${reportId}`)}`, objects: [...markingObjects, report, ...objects] };
}

interface Ctx {
  now: string;
  sources: Map<string, Source>;
  actorIds: Map<string, string>;
  markings: Set<Marking>;
}

function core(type: string, id: string, ctx: Ctx, marking: Marking | null): StixObject {
  if (marking) ctx.markings.add(marking);
  return compact({ type, spec_version: '2.1', id, created: ctx.now, modified: ctx.now, object_marking_refs: marking ? [TLP2_STIX_IDS[marking]] : undefined });
}

function eventObject(event: Event, ctx: Ctx): StixObject {
  return compact({
    ...core('incident', stixIdFor('incident', event.id), ctx, event.marking),
    name: event.title,
    description: event.description,
    labels: nonEmpty(event.tags),
    external_references: references(event.citations, ctx),
    x_casefile_id: event.id,
    x_casefile_category: event.category,
    x_casefile_date: event.date,
    x_casefile_first_seen: stixTime(new Date(partialDateSpan(event.date).start).toISOString()),
    x_casefile_location: event.location,
    x_casefile_attack_type: event.attackType,
    x_casefile_target_type: event.targetType,
    x_casefile_fatalities: event.fatalities,
    x_casefile_injured: event.injured,
    x_casefile_scope: event.scope,
    x_casefile_acled: event.acled,
    x_casefile_citations: nonEmpty(event.citations),
    // Tells "no participants recorded" (absent) from "none" (0), so our own export reads back unchanged.
    x_casefile_participant_count: event.participants?.length,
  });
}

/**
 * A participant as a relationship from the incident: STIX's `targets` for a target (the incident
 * stands in for the attacker), the common `related-to` for any other participant.
 */
function participantObject(event: Event, participant: EventParticipant, nth: number, ctx: Ctx): StixObject {
  const actorRef = ctx.actorIds.get(participant.actorId) ?? stixIdFor('threat-actor', participant.actorId);
  return compact({
    ...core('relationship', `relationship--${hashUuid(`participant|${event.id}|${participant.role}|${participant.actorId}|${nth}`)}`, ctx, event.marking),
    relationship_type: participant.role === 'target' ? 'targets' : 'related-to',
    source_ref: stixIdFor('incident', event.id),
    target_ref: actorRef,
    external_references: references(participant.citations, ctx),
    x_casefile_participant_role: participant.role,
    x_casefile_citations: nonEmpty(participant.citations),
  });
}

/** How many earlier entries name the same actor in the same role: keeps relationship ids stable and distinct. */
function occurrence(all: readonly EventParticipant[], index: number): number {
  const here = all[index];
  return all.slice(0, index).filter((p) => p.actorId === here?.actorId && p.role === here?.role).length;
}

function actorObject(actor: Actor, ctx: Ctx): StixObject {
  const type = ACTOR_STIX_TYPE[actor.kind];
  const typeSpecific: Record<string, unknown> =
    type === 'identity'
      ? { identity_class: actor.kind === 'person' ? 'individual' : 'organization' }
      : type === 'threat-actor'
        ? { aliases: nonEmpty(actor.aliases.map((a) => a.name)), threat_actor_types: ['terrorist'] }
        : { aliases: nonEmpty(actor.aliases.map((a) => a.name)) };
  return compact({
    ...core(type, ctx.actorIds.get(actor.id) ?? stixIdFor(type, actor.id), ctx, actor.marking),
    name: actor.name,
    description: actor.description,
    ...typeSpecific,
    labels: nonEmpty(actor.tags),
    external_references: references(actor.citations, ctx),
    x_casefile_id: actor.id,
    x_casefile_kind: actor.kind,
    x_casefile_aliases: nonEmpty(actor.aliases),
    x_casefile_status: actor.status,
    x_casefile_roles: nonEmpty(actor.roles),
    x_casefile_nationality: nonEmpty(actor.nationality),
    x_casefile_citations: nonEmpty(actor.citations),
  });
}

function relationshipObject(rel: Relationship, ctx: Ctx): StixObject {
  const stixType = rel.type.startsWith('custom:') ? rel.type.slice(7).trim().replace(/\s+/g, '-') : rel.type;
  return compact({
    ...core('relationship', stixIdFor('relationship', rel.id), ctx, rel.marking),
    relationship_type: stixType,
    source_ref: ctx.actorIds.get(rel.sourceActorId) ?? stixIdFor('threat-actor', rel.sourceActorId),
    target_ref: ctx.actorIds.get(rel.targetActorId) ?? stixIdFor('threat-actor', rel.targetActorId),
    description: rel.description,
    confidence: CONFIDENCE_SCORE[rel.confidence],
    start_time: rel.from ? spanTime(rel.from, 'start') : undefined,
    stop_time: rel.to ? spanTime(rel.to, 'end') : undefined,
    external_references: references(rel.citations, ctx),
    x_casefile_id: rel.id,
    x_casefile_type: rel.type,
    x_casefile_from: rel.from,
    x_casefile_to: rel.to,
    x_casefile_confidence: rel.confidence,
    x_casefile_citations: nonEmpty(rel.citations),
  });
}

function seriesObject(series: Series, ctx: Ctx, reportId: string): StixObject {
  const points = series.points.map((p) => `${p.period.value}${p.until ? `–${p.until.value}` : ''}${p.label ? ` (${p.label})` : ''}: ${p.value}`);
  return compact({
    ...core('note', stixIdFor('note', series.id), ctx, series.marking),
    abstract: series.title,
    content: `${series.measure} (${series.unit || 'count'}): ${points.join('; ') || 'no figures'}`,
    object_refs: [series.actorId ? (ctx.actorIds.get(series.actorId) ?? stixIdFor('threat-actor', series.actorId)) : reportId],
    external_references: references(series.citations, ctx),
    x_casefile_series: series,
  });
}

/** One external reference per cited source (and locator), pointing back at the source by id. */
function references(citations: readonly Citation[], ctx: Ctx): Record<string, unknown>[] | undefined {
  const seen = new Set<string>();
  const refs: Record<string, unknown>[] = [];
  for (const citation of citations) {
    const key = `${citation.sourceId}|${citation.locator ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const source = ctx.sources.get(citation.sourceId);
    refs.push(
      compact({
        source_name: source?.outlet || source?.publisher || source?.title || citation.sourceId,
        description: [source?.title, citation.locator].filter(Boolean).join(' — ') || undefined,
        url: source?.url && /^https?:\/\/\S+$/.test(source.url) ? source.url : undefined,
        external_id: citation.sourceId,
        hashes: source?.attachment ? { 'SHA-256': source.attachment.sha256 } : undefined,
      }),
    );
  }
  return refs.length > 0 ? refs : undefined;
}

function markingDefinition(marking: Marking): StixObject {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_STIX_IDS[marking],
    created: '2022-10-01T00:00:00.000Z',
    name: marking,
    extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: marking.slice(4).toLowerCase() } },
  };
}

/** STIX wants millisecond precision (`…T00:00:00.000Z`). */
function stixTime(iso: string): string {
  return new Date(iso).toISOString();
}

function spanTime(date: PartialDate, edge: 'start' | 'end'): string {
  const span = partialDateSpan(date);
  return new Date(edge === 'start' ? span.start : span.end).toISOString();
}

function nonEmpty<T>(list: readonly T[]): T[] | undefined {
  return list.length > 0 ? [...list] : undefined;
}

/** Drops undefined properties: STIX forbids empty lists and we never write nulls. */
function compact<T extends Record<string, unknown>>(object: T): StixObject {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) if (value !== undefined) out[key] = value;
  return out as StixObject;
}

