import type { Citation } from '../../../../shared/domain/citation';
import { Event, participantsOf, type AcledFields, type Confidence, type EventCategory, type GeoPrecision, type ParticipantRole, type ResponsibilityKind, type Scope } from '../../../../shared/domain/event';
import type { Marking } from '../../../../shared/domain/marking';
import type { DatePrecision } from '../../../../shared/domain/partial-date';

/** A citation as the form holds it. */
export interface CitationDraft {
  sourceId: string;
  locator: string;
  credibility: number;
  field?: string;
}

export interface ClaimDraft {
  id: string;
  actorId: string;
  kind: ResponsibilityKind;
  by: string;
  confidence: Confidence;
  citations: CitationDraft[];
}

/** A target or participant as the form holds it. */
export interface ParticipantDraft {
  /** Identifies the row while editing (participants have no id of their own); never saved. */
  key: string;
  actorId: string;
  role: ParticipantRole;
  citations: CitationDraft[];
}

let rowCount = 0;
/** A fresh row key for a participant row. */
export const participantKey = (): string => `participant-row-${++rowCount}`;

/** The event as the form holds it: numbers as the text typed, so a half-typed value is not lost. */
export interface EventDraft {
  id: string;
  title: string;
  category: EventCategory;
  dateValue: string;
  precision: DatePrecision;
  approximate: boolean;
  country: string;
  admin1: string;
  admin2: string;
  admin3: string;
  place: string;
  lat: string;
  lon: string;
  geoPrecision: GeoPrecision;
  attackType: string;
  targetType: string;
  fatalitiesMin: string;
  fatalitiesMax: string;
  injuredMin: string;
  injuredMax: string;
  scope: Scope;
  description: string;
  tags: string;
  marking: Marking;
  claims: ClaimDraft[];
  participants: ParticipantDraft[];
  citations: CitationDraft[];
  /** ACLED's coding of an imported event: not edited here, kept as it is on save. */
  acled?: AcledFields;
}

const citationDraft = (c: Citation): CitationDraft => ({ sourceId: c.sourceId, locator: c.locator ?? '', credibility: c.credibility, ...(c.field ? { field: c.field } : {}) });

export function draftOf(event: Event): EventDraft {
  const l = event.location;
  return {
    id: event.id,
    title: event.title,
    category: event.category,
    dateValue: event.date.value,
    precision: event.date.precision,
    approximate: event.date.approximate === true,
    country: l.country,
    admin1: l.admin1 ?? '',
    admin2: l.admin2 ?? '',
    admin3: l.admin3 ?? '',
    place: l.place ?? '',
    lat: l.lat === undefined ? '' : String(l.lat),
    lon: l.lon === undefined ? '' : String(l.lon),
    geoPrecision: l.geoPrecision,
    attackType: event.attackType ?? '',
    targetType: event.targetType ?? '',
    fatalitiesMin: event.fatalities ? String(event.fatalities.min) : '',
    fatalitiesMax: event.fatalities && event.fatalities.max !== event.fatalities.min ? String(event.fatalities.max) : '',
    injuredMin: event.injured ? String(event.injured.min) : '',
    injuredMax: event.injured && event.injured.max !== event.injured.min ? String(event.injured.max) : '',
    scope: event.scope,
    description: event.description ?? '',
    tags: event.tags.join(', '),
    marking: event.marking,
    claims: event.responsibility.map((c) => ({ id: c.id, actorId: c.actorId, kind: c.kind, by: c.by ?? '', confidence: c.confidence, citations: c.citations.map(citationDraft) })),
    participants: participantsOf(event).map((p) => ({ key: participantKey(), actorId: p.actorId, role: p.role, citations: p.citations.map(citationDraft) })),
    citations: event.citations.map(citationDraft),
    ...(event.acled ? { acled: event.acled } : {}),
  };
}

/**
 * The request for a new event's default country: the case's most frequent country among what the
 * view shows, so a form opened at GREEN never starts in a country only AMBER events are in.
 */
export function defaultCountryRequest(maxMarking: Marking | undefined): { maxMarking?: Marking } {
  return maxMarking ? { maxMarking } : {};
}

/** A new event's fields; `country` is the case's most frequent country (empty in an empty case), never a fixed one. */
export function emptyDraft(id: string, marking: Marking, country = ''): EventDraft {
  return {
    id, title: '', category: 'attack', dateValue: '', precision: 'day', approximate: false, country, admin1: '', admin2: '', admin3: '', place: '', lat: '', lon: '',
    geoPrecision: 'unknown', attackType: '', targetType: '', fatalitiesMin: '', fatalitiesMax: '', injuredMin: '', injuredMax: '', scope: 'unknown',
    description: '', tags: '', marking, claims: [], participants: [], citations: [],
  };
}

const opt = (text: string) => (text.trim() ? text.trim() : undefined);

/** A number typed in a field: undefined when empty, NaN when not a number (reported in place). */
function numberOf(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text.trim());
}

function countOf(min: string, max: string): unknown {
  const lo = numberOf(min);
  const hi = numberOf(max);
  if (lo === undefined && hi === undefined) return undefined;
  return { min: lo ?? hi, max: hi ?? lo };
}

const citationOf = (c: CitationDraft) => ({ sourceId: c.sourceId, credibility: c.credibility, ...(opt(c.locator) ? { locator: c.locator.trim() } : {}), ...(c.field ? { field: c.field } : {}) });

/** Error messages by field path ("location.lat", "responsibility.0.actorId"), for showing in place. */
export type FieldErrors = Record<string, string>;

/** An actor listed twice among the targets and participants: the later rows are flagged. */
function repeatedParticipants(participants: readonly ParticipantDraft[]): FieldErrors {
  const errors: FieldErrors = {};
  const seen = new Set<string>();
  participants.forEach((p, i) => {
    if (p.actorId && seen.has(p.actorId)) errors[`participants.${i}.actorId`] = 'this actor is already listed; keep one row per actor';
    seen.add(p.actorId);
  });
  return errors;
}

/** Turns the draft into an event, or says what is wrong with which field. Nothing half-valid gets out. */
export function recordOf(draft: EventDraft): { ok: true; event: Event } | { ok: false; errors: FieldErrors } {
  const candidate = {
    id: draft.id,
    title: draft.title.trim(),
    category: draft.category,
    date: { value: draft.dateValue.trim(), precision: draft.precision, ...(draft.approximate ? { approximate: true } : {}) },
    location: {
      country: draft.country.trim().toUpperCase(),
      admin1: opt(draft.admin1),
      admin2: opt(draft.admin2),
      admin3: opt(draft.admin3),
      place: opt(draft.place),
      lat: numberOf(draft.lat),
      lon: numberOf(draft.lon),
      geoPrecision: draft.geoPrecision,
    },
    attackType: opt(draft.attackType),
    targetType: opt(draft.targetType),
    fatalities: countOf(draft.fatalitiesMin, draft.fatalitiesMax),
    injured: countOf(draft.injuredMin, draft.injuredMax),
    scope: draft.scope,
    description: opt(draft.description),
    tags: draft.tags.split(',').map((t) => t.trim()).filter(Boolean),
    marking: draft.marking,
    responsibility: draft.claims.map((c) => ({ id: c.id, actorId: c.actorId, kind: c.kind, ...(opt(c.by) ? { by: c.by.trim() } : {}), confidence: c.confidence, citations: c.citations.map(citationOf) })),
    // Omitted when empty, so an event saved without participants looks as it did before they existed.
    ...(draft.participants.length > 0 ? { participants: draft.participants.map((p) => ({ actorId: p.actorId, role: p.role, citations: p.citations.map(citationOf) })) } : {}),
    citations: draft.citations.map(citationOf),
    ...(draft.acled ? { acled: draft.acled } : {}),
  };
  // Drop undefined keys: the schema is strict about shape, not about absent optionals.
  const clean = JSON.parse(JSON.stringify(candidate, (_k, v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? 'not-a-number' : v))) as unknown;
  const parsed = Event.safeParse(clean);
  const errors = repeatedParticipants(draft.participants);
  if (parsed.success) return Object.keys(errors).length === 0 ? { ok: true, event: parsed.data } : { ok: false, errors };
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.');
    const last = String(issue.path.at(-1) ?? '');
    const message =
      last === 'actorId' ? 'pick an actor' : last === 'sourceId' ? 'pick a source' : issue.code === 'invalid_type' ? `${last} must be a ${issue.expected}` : issue.message;
    errors[path] ??= message;
  }
  return { ok: false, errors };
}
