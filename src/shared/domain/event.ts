import { z } from 'zod';
import { Citation } from './citation';
import { Id } from './ids';
import { Marking } from './marking';
import { PartialDate } from './partial-date';

export const EVENT_CATEGORIES = [
  'attack',
  'foiled-plot',
  'arrest',
  'counter-operation',
  'propaganda-release',
  'statement',
  // ACLED's own kinds of event (issue 18): not attacks, and not statements.
  'battle',
  'protest',
  'riot',
  'strategic-development',
  /** A dataset's type this build does not know: never guessed to be an attack. */
  'other',
] as const;
export const EventCategory = z.enum(EVENT_CATEGORIES);
export type EventCategory = z.infer<typeof EventCategory>;

/** How closely the location is known, from exact coordinates down to just the country. */
export const GeoPrecision = z.enum(['exact', 'near', 'admin2', 'admin1', 'country', 'unknown']);
export type GeoPrecision = z.infer<typeof GeoPrecision>;

export const Location = z
  .object({
    /** ISO 3166-1 alpha-2 code. */
    country: z.string().regex(/^[A-Z]{2}$/, 'country must be an ISO 3166-1 alpha-2 code such as SO or FR: choose one'),
    admin1: z.string().max(200).optional(),
    admin2: z.string().max(200).optional(),
    admin3: z.string().max(200).optional(),
    place: z.string().max(200).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    geoPrecision: GeoPrecision,
  })
  .strict();
export type Location = z.infer<typeof Location>;

/** A count the sources may disagree on: min === max when they agree. */
export const Count = z
  .object({
    min: z.number().int().min(0),
    max: z.number().int().min(0),
    approximate: z.boolean().optional(),
  })
  .strict()
  .refine((c) => c.min <= c.max, { message: 'min must not exceed max', path: ['max'] });
export type Count = z.infer<typeof Count>;

export const RESPONSIBILITY_KINDS = ['claimed', 'attributed', 'suspected', 'denied'] as const;
export const ResponsibilityKind = z.enum(RESPONSIBILITY_KINDS);
export type ResponsibilityKind = z.infer<typeof ResponsibilityKind>;

export const Confidence = z.enum(['low', 'medium', 'high']);
export type Confidence = z.infer<typeof Confidence>;

/**
 * One statement of who is responsible: the group's own claim, a government's attribution,
 * an analyst's suspicion or a denial. Several per event; they may compete.
 */
export const ResponsibilityClaim = z
  .object({
    id: Id,
    actorId: Id,
    kind: ResponsibilityKind,
    /** Who made the claim or attribution, in words (e.g. "Amaq News Agency", "FSB director"). */
    by: z.string().max(300).optional(),
    /** The same, when that party is an actor in the case. */
    byActorId: Id.optional(),
    confidence: Confidence,
    citations: z.array(Citation),
  })
  .strict();
export type ResponsibilityClaim = z.infer<typeof ResponsibilityClaim>;

export const PARTICIPANT_ROLES = ['target', 'participant'] as const;
export const ParticipantRole = z.enum(PARTICIPANT_ROLES);
export type ParticipantRole = z.infer<typeof ParticipantRole>;

/**
 * An actor taking part in an event without bearing responsibility for it: the target of an
 * attack (ACLED's actor2), or a participant such as the force that foiled a plot.
 */
export const EventParticipant = z
  .object({
    actorId: Id,
    role: ParticipantRole,
    citations: z.array(Citation),
  })
  .strict();
export type EventParticipant = z.infer<typeof EventParticipant>;

/**
 * What ACLED says of an imported event, kept as ACLED coded it (docs/import.md): its type as
 * ACLED names it today (older names mapped), the kinds of actor on either side (inter codes
 * 1–8) and their pairing, whether civilians were targeted, and how far the sources reach.
 * Absent fields were absent (or empty) in the file. Short strings, shared across an import.
 */
export const AcledFields = z
  .object({
    eventType: z.string().min(1).max(100).optional(),
    subEventType: z.string().max(100).optional(),
    disorderType: z.string().max(100).optional(),
    inter1: z.number().int().min(1).max(8).optional(),
    inter2: z.number().int().min(1).max(8).optional(),
    /** inter1 and inter2 as one code, the smaller first (27: rebel group–civilians; 20: a rebel group alone). */
    interaction: z.number().int().min(10).max(88).optional(),
    /** Only files that have the column say; older files leave it out. */
    civilianTargeting: z.boolean().optional(),
    sourceScale: z.string().max(100).optional(),
  })
  .strict();
export type AcledFields = z.infer<typeof AcledFields>;

export const Scope = z.enum(['internal', 'external', 'unknown']);
export type Scope = z.infer<typeof Scope>;

export const Event = z
  .object({
    id: Id,
    title: z.string().min(1, 'an event needs a title').max(500),
    category: EventCategory,
    date: PartialDate,
    location: Location,
    attackType: z.string().max(100).optional(),
    targetType: z.string().max(100).optional(),
    fatalities: Count.optional(),
    injured: Count.optional(),
    /** Internal: inside the group's home region (the analyst's call for the case); external: beyond it. */
    scope: Scope,
    description: z.string().max(20_000).optional(),
    tags: z.array(z.string().max(100)),
    marking: Marking,
    responsibility: z.array(ResponsibilityClaim),
    /** Absent in cases written before participants existed; read it through `participantsOf`. */
    participants: z.array(EventParticipant).optional(),
    citations: z.array(Citation),
    /** ACLED's own coding, on events imported from ACLED (v6). */
    acled: AcledFields.optional(),
  })
  .strict();
export type Event = z.infer<typeof Event>;

/** The event's participants; an empty list for events written before participants existed. */
export function participantsOf(event: Pick<Event, 'participants'>): readonly EventParticipant[] {
  return event.participants ?? [];
}
