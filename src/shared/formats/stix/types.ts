import type { Actor } from '../../domain/actor';
import type { Event } from '../../domain/event';
import type { Marking } from '../../domain/marking';
import type { Relationship } from '../../domain/relationship';
import type { Series } from '../../domain/series';
import type { Source } from '../../domain/source';

/** A STIX object as it arrives: an object with at least `type` and `id`; everything else unknown. */
export interface StixObject {
  type: string;
  id: string;
  [property: string]: unknown;
}

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/** The records a bundle maps to, ready to validate and commit. */
export interface StixRecords {
  events: Event[];
  actors: Actor[];
  relationships: Relationship[];
  sources: Source[];
  series: Series[];
}

/** A marking-definition found in the bundle, with the TLP level it stands for when we know it. */
export interface StixMarking {
  id: string;
  /** TLP 2.0 level; TLP 1.0 ids map to the nearest 2.0 level (white → CLEAR). */
  tlp: Marking | null;
  /** 'tlp2' | 'tlp1' | 'statement' | 'other' */
  kind: 'tlp2' | 'tlp1' | 'statement' | 'other';
  name?: string;
}

/** A STIX object that did not become a record, and why. */
export interface KeptAside {
  id: string;
  type: string;
  reason: string;
}

/** Something wrong with an object that was still mapped (or partly mapped). */
export interface StixProblem {
  id: string;
  kind: 'dangling-ref' | 'non-standard-field' | 'invalid-value' | 'duplicate-id';
  message: string;
}

export interface StixDecodeResult {
  records: StixRecords;
  markings: StixMarking[];
  keptAside: KeptAside[];
  problems: StixProblem[];
}

export interface StixEncodeOptions {
  /** Timestamp used for `created`/`modified` of objects that carry no date of their own. */
  now?: string;
  /** The case's name and id, for the report object that groups the export. */
  caseName?: string;
  caseId?: string;
  caseDescription?: string;
}
