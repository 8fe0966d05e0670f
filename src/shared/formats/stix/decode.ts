import { z } from 'zod';
import type { Actor } from '../../domain/actor';
import type { Event, EventParticipant, ResponsibilityClaim } from '../../domain/event';
import { Marking, TLP_LEVELS } from '../../domain/marking';
import { Source } from '../../domain/source';
import { DecodeContext, dayOf, str } from './decode-context';
import { decodeActor, decodeClaim, decodeEvent, decodeParticipant, decodeRelationship, decodeSeries, participantRole } from './decode-records';
import { CUSTOM_PREFIX, TLP1_STIX_IDS } from './ids';
import type { StixDecodeResult, StixMarking, StixObject, StixRecords } from './types';

const ACTOR_TYPES = new Set(['threat-actor', 'intrusion-set', 'identity']);
const NO_COUNTERPART: Record<string, string> = {
  campaign: 'campaigns have no counterpart in a case (events are single incidents); link its incidents to an actor instead',
  opinion: 'opinions have no counterpart in a case',
  sighting: 'sightings have no counterpart in a case',
};

/**
 * Reads any STIX 2.1 bundle into our records. Never throws: what cannot be mapped is kept aside
 * with a reason, and dangling references or non-standard fields are reported as problems.
 * Records carry `x_casefile_*` properties when the bundle came from us, which makes our own
 * export come back unchanged. `defaultMarking` marks objects that carry no TLP marking.
 */
export function stixBundleToRecords(bundle: unknown, options: { defaultMarking?: Marking } = {}): StixDecodeResult {
  const ctx = new DecodeContext(options.defaultMarking ?? 'TLP:AMBER');
  const records: StixRecords = { events: [], actors: [], relationships: [], sources: [], series: [] };
  const objects = bundleObjects(bundle, ctx);
  for (const object of objects) {
    if (ctx.byId.has(object.id)) ctx.problem(object.id, 'duplicate-id', 'the id appears more than once; the later object was used');
    ctx.byId.set(object.id, object);
    for (const key of Object.keys(object)) {
      if (key.startsWith('x_') && !key.startsWith(CUSTOM_PREFIX)) ctx.problem(object.id, 'non-standard-field', `custom property ${key} was not read`);
    }
  }
  const all = [...ctx.byId.values()];
  for (const object of all) if (object.type === 'marking-definition') ctx.markings.set(object.id, markingOf(object));
  readSources(all, ctx);

  const relationships = all.filter((o) => o.type === 'relationship');
  const referenced = new Set(relationships.flatMap((r) => [r['source_ref'], r['target_ref']]).filter((v): v is string => typeof v === 'string'));
  const actorFrom = new Map<string, string>();
  for (const object of all.filter((o) => ACTOR_TYPES.has(o.type))) {
    if (object.type === 'identity' && !object['x_casefile_kind'] && !referenced.has(object.id)) {
      ctx.setAside(object, 'an identity no relationship points at names an author or producer, not an actor of the case');
      continue;
    }
    const actor = decodeActor(object, ctx);
    if (actor) addActor(actor, object, ctx, records.actors, actorFrom);
  }

  const claims = new Map<string, ResponsibilityClaim[]>();
  const participants = new Map<string, EventParticipant[]>();
  const locations = new Map<string, StixObject>();
  for (const rel of relationships) {
    const source = endpoint(rel, 'source_ref', ctx);
    const target = endpoint(rel, 'target_ref', ctx);
    if (!source || !target) continue;
    if (source.type === 'incident' && rel['relationship_type'] === 'attributed-to' && ctx.ourIds.has(target.id) && ACTOR_TYPES.has(target.type)) {
      claims.set(source.id, [...(claims.get(source.id) ?? []), decodeClaim(rel, ctx, ctx.ourIds.get(target.id) as string)]);
    } else if (source.type === 'incident' && ctx.ourIds.has(target.id) && ACTOR_TYPES.has(target.type) && participantRole(rel)) {
      participants.set(source.id, [...(participants.get(source.id) ?? []), decodeParticipant(rel, ctx, ctx.ourIds.get(target.id) as string)]);
    } else if (source.type === 'incident' && target.type === 'location') {
      locations.set(source.id, target);
    } else if (ctx.ourIds.has(source.id) && ctx.ourIds.has(target.id) && ACTOR_TYPES.has(source.type) && ACTOR_TYPES.has(target.type)) {
      const relationship = decodeRelationship(rel, ctx, ctx.ourIds.get(source.id) as string, ctx.ourIds.get(target.id) as string);
      if (relationship) records.relationships.push(relationship);
    } else {
      ctx.setAside(rel, `a ${String(rel['relationship_type'])} relationship between a ${source.type} and a ${target.type} has no counterpart in a case (only actor–actor links, incident attributions, targets and locations do)`);
    }
  }

  const usedLocations = new Set([...locations.values()].map((l) => l.id));
  const actorIds = new Set(records.actors.map((a) => a.id));
  for (const object of all) {
    if (object.type === 'incident') {
      const event = decodeEvent(object, ctx, { claims: claims.get(object.id) ?? [], participants: participants.get(object.id) ?? [] }, locations.get(object.id));
      if (event) addEvent(event, ctx, actorIds, records.events);
    } else if (object.type === 'note' && object['x_casefile_series'] !== undefined) {
      const series = decodeSeries(object, ctx, actorIds);
      if (series) records.series.push(series);
    } else if (object.type === 'note') {
      ctx.setAside(object, 'notes from other tools have no counterpart in a case; read its content and add it to a record by hand');
    } else if (object.type === 'location' && !usedLocations.has(object.id)) {
      ctx.setAside(object, 'a location no incident is located at has no counterpart in a case');
    } else if (NO_COUNTERPART[object.type]) {
      ctx.setAside(object, NO_COUNTERPART[object.type] as string);
    } else if (!['marking-definition', 'relationship', 'report', 'location', 'extension-definition', ...ACTOR_TYPES].includes(object.type)) {
      ctx.setAside(object, `${object.type} objects have no counterpart in a case`);
    }
  }
  records.sources = [...ctx.sources.values()];
  return { records, markings: [...ctx.markings.values()], keptAside: ctx.keptAside, problems: ctx.problems };
}

function bundleObjects(bundle: unknown, ctx: DecodeContext): StixObject[] {
  if (!bundle || typeof bundle !== 'object' || (bundle as { type?: unknown }).type !== 'bundle' || !Array.isArray((bundle as { objects?: unknown }).objects)) {
    ctx.problem('bundle', 'invalid-value', 'this is not a STIX 2.1 bundle (an object with "type": "bundle" and an "objects" list); nothing was read');
    return [];
  }
  const objects: StixObject[] = [];
  for (const object of (bundle as { objects: unknown[] }).objects) {
    if (object && typeof object === 'object' && typeof (object as StixObject).type === 'string' && typeof (object as StixObject).id === 'string') objects.push(object as StixObject);
    else ctx.problem('bundle', 'invalid-value', 'an entry of "objects" has no type or id and was skipped');
  }
  return objects;
}

function markingOf(object: StixObject): StixMarking {
  const name = str(object['name']);
  const tlp1 = TLP1_STIX_IDS[object.id];
  if (tlp1) return { id: object.id, tlp: tlp1, kind: 'tlp1', ...(name ? { name } : {}) };
  const byName = TLP_LEVELS.find((level) => level === name?.toUpperCase());
  if (byName) return { id: object.id, tlp: byName, kind: 'tlp2', name: byName };
  const definition = object['definition'] as { tlp?: unknown; statement?: unknown } | undefined;
  if (object['definition_type'] === 'tlp' && typeof definition?.tlp === 'string') {
    const level = ({ white: 'TLP:CLEAR', clear: 'TLP:CLEAR', green: 'TLP:GREEN', amber: 'TLP:AMBER', red: 'TLP:RED' } as Record<string, Marking>)[definition.tlp.toLowerCase()];
    return { id: object.id, tlp: level ?? null, kind: 'tlp1', ...(name ? { name } : {}) };
  }
  return { id: object.id, tlp: null, kind: object['definition_type'] === 'statement' ? 'statement' : 'other', ...(name ? { name } : {}) };
}

/** Sources: ours from the report's x_casefile_sources; a foreign report becomes a source its objects cite. */
function readSources(all: StixObject[], ctx: DecodeContext): void {
  for (const report of all.filter((o) => o.type === 'report')) {
    const ours = report['x_casefile_sources'];
    if (Array.isArray(ours)) {
      for (const raw of ours) {
        const source = Source.safeParse(raw);
        if (source.success) ctx.sources.set(source.data.id, source.data);
        else ctx.problem(report.id, 'invalid-value', `a source in x_casefile_sources is not valid and was dropped (${source.error.issues[0]?.message ?? 'invalid'})`);
      }
      continue;
    }
    if (report['x_casefile_case_id'] !== undefined) continue;
    const date = dayOf(report['published']);
    const description = str(report['description']);
    const source: Source = {
      id: ctx.idFor(report, 'source'),
      title: (str(report['name']) ?? report.id).slice(0, 1_000),
      authors: [],
      ...(date ? { date } : {}),
      kind: 'other',
      language: str(report['lang']) ?? 'und',
      reliability: 'F',
      marking: ctx.markingOf(report),
    };
    if (description) ctx.problem(report.id, 'invalid-value', 'the report description is not kept (sources hold no text); the report became a source its objects cite');
    ctx.sources.set(source.id, source);
    const refs = z.array(z.string()).safeParse(report['object_refs']);
    for (const ref of refs.success ? refs.data : []) ctx.reportCitations.set(ref, [...(ctx.reportCitations.get(ref) ?? []), { sourceId: source.id, credibility: 6 }]);
  }
}

function endpoint(rel: StixObject, key: 'source_ref' | 'target_ref', ctx: DecodeContext): StixObject | undefined {
  const ref = rel[key];
  const object = typeof ref === 'string' ? ctx.byId.get(ref) : undefined;
  if (!object) {
    ctx.problem(rel.id, 'dangling-ref', `${key} ${String(ref)} is not in the bundle`);
    ctx.setAside(rel, `its ${key} points at an object that is not in the bundle`);
  }
  return object;
}

function addActor(actor: Actor, object: StixObject, ctx: DecodeContext, actors: Actor[], from: Map<string, string>): void {
  // Objects of two actor types with one UUID (threat-actor--U, intrusion-set--U) would be one record: the first stays, the other is listed.
  const first = from.get(actor.id);
  if (first !== undefined && first !== object.id) return void ctx.setAside(object, `its id has the same UUID as ${first}, which became actor ${actor.id}; not read, so neither replaces the other. Ask the sender to give one of them another id.`);
  ctx.ourIds.set(object.id, actor.id);
  from.set(actor.id, object.id);
  actors.push(actor);
}

/** Drops references to actors that did not make it (claims by, byActorId) and reports them. */
function addEvent(event: Event, ctx: DecodeContext, actorIds: Set<string>, events: Event[]): void {
  const responsibility = event.responsibility.map((claim) => {
    if (claim.byActorId && !actorIds.has(claim.byActorId)) {
      ctx.problem(event.id, 'dangling-ref', `a claim names actor ${claim.byActorId} as its author, which is not in the bundle; the link was dropped`);
      const { byActorId: _dropped, ...rest } = claim;
      return rest;
    }
    return claim;
  });
  events.push({ ...event, responsibility });
}
