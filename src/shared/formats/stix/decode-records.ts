import { z } from 'zod';
import { Actor, ActorKind, ActorStatus, Alias } from '../../domain/actor';
import { AcledFields, Count, Event, EventCategory, Location, ParticipantRole, Scope, type EventParticipant, type ResponsibilityClaim } from '../../domain/event';
import { Confidence } from '../../domain/event';
import { PartialDate } from '../../domain/partial-date';
import { Relationship, RELATIONSHIP_TYPES, RelationshipType } from '../../domain/relationship';
import { Series } from '../../domain/series';
import { DecodeContext, dayOf, firstIssue, parsed, str } from './decode-context';
import { confidenceFromScore } from './mapping';
import type { StixObject } from './types';

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export function decodeActor(object: StixObject, ctx: DecodeContext): Actor | undefined {
  const kind = parsed(ActorKind, object['x_casefile_kind']) ?? foreignActorKind(object);
  const aliasNames = strings(object['aliases']);
  const aliases = parsed(z.array(Alias), object['x_casefile_aliases']) ?? aliasNames.map((name) => ({ name: name.slice(0, 300), language: 'und', script: scriptOf(name), citations: [] }));
  const status = parsed(ActorStatus, object['x_casefile_status']);
  const description = str(object['description']);
  const candidate = {
    id: ctx.idFor(object, 'actor'),
    kind,
    name: str(object['name']) ?? object.id,
    aliases,
    ...(status ? { status } : {}),
    roles: parsed(z.array(z.string()), object['x_casefile_roles']) ?? strings(object['roles']),
    nationality: parsed(z.array(z.string()), object['x_casefile_nationality']) ?? [],
    ...(description ? { description } : {}),
    tags: strings(object['labels']),
    marking: ctx.markingOf(object),
    citations: ctx.citationsOf(object),
  };
  return validOrAside(Actor, candidate, object, ctx);
}

function foreignActorKind(object: StixObject): ActorKind {
  if (object.type === 'intrusion-set') return 'faction';
  if (object.type === 'identity') return object['identity_class'] === 'individual' ? 'person' : 'organisation';
  return strings(object['threat_actor_types']).includes('nation-state') ? 'state-body' : 'organisation';
}

function scriptOf(name: string): 'Latn' | 'Arab' | 'Cyrl' {
  if (/[\u0600-\u06ff]/.test(name)) return 'Arab';
  if (/[\u0400-\u04ff]/.test(name)) return 'Cyrl';
  return 'Latn';
}

/** The actors linked to an incident by relationships: its responsibility claims and its participants. */
export interface IncidentLinks {
  claims: ResponsibilityClaim[];
  participants: EventParticipant[];
}

export function decodeEvent(object: StixObject, ctx: DecodeContext, links: IncidentLinks, location: StixObject | undefined): Event | undefined {
  let date = parsed(PartialDate, object['x_casefile_date']);
  if (!date) {
    date = dayOf(object['first_seen']) ?? dayOf(object['created']);
    ctx.problem(object.id, 'invalid-value', `the incident carries no date of its own; the date was taken from ${object['first_seen'] ? 'first_seen' : 'created'}`);
  }
  const description = str(object['description']);
  const fatalities = parsed(Count, object['x_casefile_fatalities']);
  const injured = parsed(Count, object['x_casefile_injured']);
  const attackType = str(object['x_casefile_attack_type']);
  const targetType = str(object['x_casefile_target_type']);
  const acled = parsed(AcledFields, object['x_casefile_acled']);
  const candidate = {
    id: ctx.idFor(object, 'event'),
    title: str(object['name']) ?? object.id,
    category: parsed(EventCategory, object['x_casefile_category']) ?? 'attack',
    date,
    location: parsed(Location, object['x_casefile_location']) ?? locationFrom(location),
    ...(attackType ? { attackType } : {}),
    ...(targetType ? { targetType } : {}),
    ...(fatalities ? { fatalities } : {}),
    ...(injured ? { injured } : {}),
    scope: parsed(Scope, object['x_casefile_scope']) ?? 'unknown',
    ...(description ? { description } : {}),
    tags: strings(object['labels']),
    marking: ctx.markingOf(object),
    responsibility: links.claims,
    // Our incidents say whether the event had a participant list at all (it may be empty).
    ...(links.participants.length > 0 || typeof object['x_casefile_participant_count'] === 'number' ? { participants: links.participants } : {}),
    citations: ctx.citationsOf(object),
    ...(acled ? { acled } : {}),
  };
  return validOrAside(Event, candidate, object, ctx);
}

/** A STIX location as our event location; without a two-letter country it is "XX" (unknown). */
function locationFrom(location: StixObject | undefined): Location {
  if (!location) return { country: 'XX', geoPrecision: 'unknown' };
  const country = str(location['country'])?.toUpperCase();
  const lat = typeof location['latitude'] === 'number' ? location['latitude'] : undefined;
  const lon = typeof location['longitude'] === 'number' ? location['longitude'] : undefined;
  const admin1 = str(location['administrative_area']);
  const place = str(location['city']) ?? str(location['name']);
  const geoPrecision = lat !== undefined && lon !== undefined ? 'exact' : place ? 'near' : admin1 ? 'admin1' : country ? 'country' : 'unknown';
  return {
    country: country && /^[A-Z]{2}$/.test(country) ? country : 'XX',
    ...(admin1 ? { admin1: admin1.slice(0, 200) } : {}),
    ...(place ? { place: place.slice(0, 200) } : {}),
    ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
    geoPrecision,
  };
}

/** An `attributed-to` relationship from an incident as a responsibility claim. */
export function decodeClaim(object: StixObject, ctx: DecodeContext, actorId: string): ResponsibilityClaim {
  const kind = object['x_casefile_claim_kind'];
  const by = str(object['x_casefile_by']);
  const byActorId = str(object['x_casefile_by_actor_id']);
  return {
    id: ctx.idFor(object, 'claim', object['x_casefile_claim_id']),
    actorId,
    kind: kind === 'claimed' || kind === 'attributed' || kind === 'suspected' || kind === 'denied' ? kind : 'attributed',
    ...(by ? { by } : {}),
    ...(byActorId ? { byActorId } : {}),
    confidence: parsed(Confidence, object['x_casefile_confidence']) ?? confidenceFromScore(object['confidence']),
    citations: ctx.citationsOf(object),
  };
}

/**
 * The participant role an incident→actor relationship stands for: ours carry it; a foreign
 * `targets` names a target. Anything else (a foreign `related-to`, say) is no participant.
 */
export function participantRole(object: StixObject): ParticipantRole | undefined {
  return parsed(ParticipantRole, object['x_casefile_participant_role']) ?? (object['relationship_type'] === 'targets' ? 'target' : undefined);
}

/** A `targets` (or our `related-to`) relationship from an incident to an actor as an event participant. */
export function decodeParticipant(object: StixObject, ctx: DecodeContext, actorId: string): EventParticipant {
  return { actorId, role: participantRole(object) ?? 'target', citations: ctx.citationsOf(object) };
}

export function decodeRelationship(object: StixObject, ctx: DecodeContext, sourceActorId: string, targetActorId: string): Relationship | undefined {
  const stixType = str(object['relationship_type']) ?? 'related-to';
  const type =
    parsed(RelationshipType, object['x_casefile_type']) ??
    ((RELATIONSHIP_TYPES as readonly string[]).includes(stixType) ? stixType : `custom:${stixType.replace(/-/g, ' ').replace(/[^a-z0-9 -]/g, '').slice(0, 60) || 'related to'}`);
  const from = parsed(PartialDate, object['x_casefile_from']) ?? dayOf(object['start_time']);
  const to = parsed(PartialDate, object['x_casefile_to']) ?? dayOf(object['stop_time']);
  const description = str(object['description']);
  const candidate = {
    id: ctx.idFor(object, 'relationship'),
    type,
    sourceActorId,
    targetActorId,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    confidence: parsed(Confidence, object['x_casefile_confidence']) ?? confidenceFromScore(object['confidence']),
    ...(description ? { description: description.slice(0, 5_000) } : {}),
    marking: ctx.markingOf(object),
    citations: ctx.citationsOf(object),
  };
  return validOrAside(Relationship, candidate, object, ctx);
}

/** Our series travel as notes carrying `x_casefile_series`; a referenced actor that is missing is dropped. */
export function decodeSeries(object: StixObject, ctx: DecodeContext, actorIds: Set<string>): Series | undefined {
  const raw = object['x_casefile_series'];
  const series = parsed(Series, raw);
  if (!series) {
    ctx.setAside(object, `x_casefile_series is not a valid series (${firstIssue(Series, raw)})`);
    return undefined;
  }
  const citations = series.citations.filter((c) => ctx.sources.has(c.sourceId));
  if (citations.length < series.citations.length) ctx.problem(object.id, 'dangling-ref', 'a citation points at a source not in the bundle; it was dropped');
  if (series.actorId && !actorIds.has(series.actorId)) {
    ctx.problem(object.id, 'dangling-ref', `the series names actor ${series.actorId}, which is not in the bundle; the link was dropped`);
    const { actorId: _dropped, ...rest } = series;
    return { ...rest, citations };
  }
  return { ...series, citations };
}

function validOrAside<T>(schema: z.ZodType<T>, candidate: unknown, object: StixObject, ctx: DecodeContext): T | undefined {
  const result = schema.safeParse(candidate);
  if (result.success) return result.data;
  ctx.setAside(object, `does not make a valid record: ${firstIssue(schema, candidate)}`);
  return undefined;
}
