import { CURRENT_SCHEMA_VERSION } from './case';
import { tidyAuthorName } from './source';

/**
 * Numbered migrations: MIGRATIONS[n] lifts a version-n document to version n+1. They work on
 * plain JSON (the older shape has no schema in this build) and must never drop a field's
 * information. The result is validated against the current schema by the caller.
 *
 * Each step declares the lists (collections, and `history`) it changes or adds; every other list
 * must come out as the very array it got. The store then validates and rewrites only those lists
 * (and the case's header fields, which every step may change): a step that only bumps the version
 * costs no rewrite of a million events (docs/ARCHITECTURE.md, "Schema migrations").
 */
type Json = Record<string, unknown>;
interface Migration {
  /** The lists this step changes, adds or removes. */
  changes: readonly string[];
  lift: (doc: Json) => Json;
}

const MIGRATIONS: Record<number, Migration> = {
  // v1 (first prototype) kept fatalities/injured as bare numbers and had no audit history.
  1: step(['events', 'history'], (doc) => ({
    ...doc,
    schemaVersion: 2,
    events: asArray(doc['events']).map((event) => {
      const e = { ...(event as Json) };
      for (const field of ['fatalities', 'injured'] as const) {
        const value = e[field];
        if (typeof value === 'number') e[field] = { min: value, max: value };
      }
      return e;
    }),
    history: asArray(doc['history']),
  })),
  // v3 added saved views and source attachments as collections.
  2: step(['views', 'attachments'], (doc) => ({ ...doc, schemaVersion: 3, views: asArray(doc['views']), attachments: asArray(doc['attachments']) })),
  // v4 keeps attachment bytes out of the document. The store has moved them into the case's blob
  // folder before this runs (store/inline-attachments.ts), so no information is dropped.
  3: step(['attachments', 'history'], (doc) => ({
    ...doc,
    schemaVersion: 4,
    attachments: asArray(doc['attachments']).map(withoutContent),
    history: asArray(doc['history']).map((entry) => {
      const e = entry as Json;
      const changes = asArray(e['changes']);
      if (!changes.some((c) => (c as Json)['collection'] === 'attachments')) return e;
      return { ...e, changes: changes.map((c) => ((c as Json)['collection'] === 'attachments' ? withoutContentInChange(c as Json) : c)) };
    }),
  })),
  // v5 added ACH matrices and their evidence rows as collections (docs/ach.md).
  4: step(['matrices', 'matrixRows'], (doc) => ({ ...doc, schemaVersion: 5, matrices: asArray(doc['matrices']), matrixRows: asArray(doc['matrixRows']) })),
  // v6 (issue 18) keeps ACLED's own coding on events (`acled`, `location.admin3`) and adds the
  // categories battle, protest, riot, strategic development and other. Nothing older changes
  // shape; the step only marks the document so that an older build refuses it by its version
  // instead of failing on fields it does not know. Events imported before keep their category
  // until the file is imported again (docs/import.md).
  5: step([], (doc) => ({ ...doc, schemaVersion: 6 })),
  // v7 (issue 14) adds written reports as a collection (docs/report-authoring.md).
  6: step(['reports'], (doc) => ({ ...doc, schemaVersion: 7, reports: asArray(doc['reports']) })),
  // v8 (issue 14) gives sources the fields a citation style needs (outlet, volume, issue, pages,
  // accessed). Only sources change: a news report's or journal article's `publisher` held the
  // newspaper or journal it appeared in (imports made news sources named after the outlet), so it
  // moves to `outlet` when no outlet is set; author names lose stray spaces, empty entries and
  // repeats. History keeps the old shape, which stays valid (publisher is still a field).
  7: step(['sources'], (doc) => ({ ...doc, schemaVersion: 8, ...(Array.isArray(doc['sources']) ? { sources: doc['sources'].map(withCitationFields) } : {}) })),
};

function step(changes: readonly string[], lift: (doc: Json) => Json): Migration {
  return { changes, lift };
}

const CONTAINED_KINDS = new Set(['news-report', 'journal-article']);

function withCitationFields(record: unknown): unknown {
  if (typeof record !== 'object' || record === null) return record;
  const source = { ...(record as Json) };
  const publisher = source['publisher'];
  if (CONTAINED_KINDS.has(source['kind'] as string) && typeof publisher === 'string' && publisher.trim() !== '' && source['outlet'] === undefined) {
    source['outlet'] = publisher;
    delete source['publisher'];
  }
  if (Array.isArray(source['authors'])) source['authors'] = normalisedAuthors(source['authors']);
  return source;
}

/** Author names tidied (source.ts tidyAuthorName); empty entries and exact repeats go. Non-strings are left for validation to report. */
function normalisedAuthors(authors: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const author of authors) {
    const name = typeof author === 'string' ? tidyAuthorName(author) : author;
    if (name === '' || (typeof name === 'string' && seen.has(name))) continue;
    if (typeof name === 'string') seen.add(name);
    out.push(name);
  }
  return out;
}

function withoutContent(record: unknown): unknown {
  if (typeof record !== 'object' || record === null) return record;
  const { contentBase64: _moved, ...rest } = record as Json;
  return rest;
}

function withoutContentInChange(change: Json): Json {
  return { ...change, ...('before' in change ? { before: withoutContent(change['before']) } : {}), ...('after' in change ? { after: withoutContent(change['after']) } : {}) };
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export type MigrationOutcome =
  /** `changed`: the lists the applied steps declared (the others are the arrays the document came with). */
  | { ok: true; doc: Json; from: number; applied: number[]; changed: string[] }
  | { ok: false; found: unknown };

/** Lifts a document of any known older version to the current one. */
export function migrateToCurrent(doc: Json): MigrationOutcome {
  const from = doc['schemaVersion'];
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1 || from > CURRENT_SCHEMA_VERSION) {
    return { ok: false, found: from };
  }
  let current = doc;
  const applied: number[] = [];
  const changed = new Set<string>();
  for (let version = from; version < CURRENT_SCHEMA_VERSION; version++) {
    const migration = MIGRATIONS[version];
    if (!migration) return { ok: false, found: version };
    const before = current;
    current = migration.lift(current);
    for (const name of migration.changes) changed.add(name);
    assertOnlyDeclared(before, current, changed, version);
    applied.push(version);
  }
  return { ok: true, doc: current, from, applied, changed: [...changed] };
}

/** A step that touched a list it did not declare would have that change left unsaved: refuse it loudly. */
function assertOnlyDeclared(before: Json, after: Json, declared: ReadonlySet<string>, version: number): void {
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const list = Array.isArray(before[name]) || Array.isArray(after[name]);
    if (list && !declared.has(name) && before[name] !== after[name]) {
      throw new Error(`Migration ${version} changed the list ${name} without declaring it.`);
    }
  }
}

/** The lists that `migrateToCurrent` would change for a document of version `from` (for tests and tools). */
export function listsChangedFrom(from: number): string[] {
  const changed = new Set<string>();
  for (let version = from; version < CURRENT_SCHEMA_VERSION; version++) for (const name of MIGRATIONS[version]?.changes ?? []) changed.add(name);
  return [...changed];
}
