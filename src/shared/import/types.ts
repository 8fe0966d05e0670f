import type { ActorKind } from '../domain/actor';
import type { Event, ParticipantRole, ResponsibilityKind } from '../domain/event';

/** The formats the importer reads. */
export const IMPORT_FORMATS = ['acled', 'gtd', 'csv', 'stix'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One row as read from the file: its 1-based line and its cells in column order. */
export interface RowInput {
  line: number;
  cells: readonly string[];
}

/** Why a row was not imported, pointing at the line and (where known) the 1-based column. */
export interface RowIssue {
  line: number;
  column: number | null;
  field: string | null;
  message: string;
}

/** An event as the file describes it, before ids, markings and references are assigned. */
export type EventDraft = Omit<Event, 'id' | 'marking' | 'responsibility' | 'participants' | 'citations'>;

/**
 * An actor the row names and how it figures in the event: the responsibility it bears
 * (a claim), or its part as a target or participant.
 */
export interface ActorMention {
  name: string;
  kind: ActorKind;
  as: ResponsibilityKind | ParticipantRole;
}

/** One mapped row: what becomes an event, its actors and the sources it cites. */
export interface ImportItem {
  line: number;
  /** The dataset's own key for the row (ACLED event_id_cnty, GTD eventid); null when it has none. */
  externalId: string | null;
  event: EventDraft;
  actors: ActorMention[];
  /** Publishers the row cites (ACLED `source`, split on ";"). */
  sources: string[];
}

export type RowResult = { ok: true; item: ImportItem } | { ok: false; issue: RowIssue };

/** Maps one row; built once per file from its header. */
export interface RowMapper {
  map(row: RowInput): RowResult;
  /** What the analyst should know about how rows were read (shown in the preview), once all are mapped. */
  notes?(): string[];
}

/** The dataset a file comes from: named in the dataset Source record and in event ids. */
export interface DatasetInfo {
  /** Short key used in ids, e.g. 'acled' → event--acled-AFG123. */
  key: string;
  /** Title of the Source record every imported event cites. */
  title: string;
  publisher?: string;
  url?: string;
}

/** A failure that stops the whole import: names the file, line and column. */
export interface ImportFailure {
  file: string;
  line: number | null;
  column: number | null;
  message: string;
}

export function describeFailure(f: ImportFailure): string {
  const where = [f.file, f.line !== null ? `line ${f.line}` : null, f.column !== null ? `column ${f.column}` : null].filter(Boolean).join(', ');
  return `${where}: ${f.message}`;
}
