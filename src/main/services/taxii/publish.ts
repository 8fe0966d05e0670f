import type { CaseDocument } from '../../../shared/domain/case';
import type { AnyRecord, CollectionName } from '../../../shared/domain/collections';
import type { EventFilter } from '../../../shared/domain/filters';
import type { Marking } from '../../../shared/domain/marking';
import { canonicalJson, caseStixExport, type Exchanged, type LeftOut } from '../../../shared/exchange';
import type { StixObject } from '../../../shared/formats/stix';
import { newVersionHasher, sha256Hex } from '../exchange/hashing';
import type { CollectionSync } from './sync-store';

/**
 * What a push sends: the case (or the filter's part) as STIX 2.1 at the cap, exactly as the file
 * export selects it (same left-out list), minus every object this case already sent to this
 * collection unchanged. The encoder stamps every object with one time; here each object gets a
 * stable `created` (first sent) and a `modified` that moves only when its content does, so a
 * second push of an unchanged case sends nothing and a changed record arrives as a newer version.
 */

export interface PublishPlan {
  /** Objects to send, with stable created/modified. */
  objects: StixObject[];
  /** Objects already on the server as they are now. */
  skipped: number;
  leftOut: LeftOut[];
  /** For each object to send: its content hash and the timestamps given (remembered once the server takes it). */
  stamps: Map<string, { hash: string; created: string; modified: string }>;
  /** The records each object carries (`collection/id`), with the copy sent: the merge's common version later. */
  carries: Map<string, Array<{ key: string; record: AnyRecord }>>;
}

const versionOf = newVersionHasher();

/** Content hash of a STIX object without its timestamps. */
export function objectHash(object: StixObject): string {
  const { created: _c, modified: _m, ...rest } = object;
  return sha256Hex(canonicalJson(rest)).slice(0, 32);
}

export function planPublish(
  doc: Pick<CaseDocument, Exchanged | 'id' | 'name' | 'description' | 'defaultMarking' | 'createdAt'>,
  cap: Marking,
  sync: CollectionSync,
  options: { filter?: EventFilter; now?: string; resend?: boolean } = {},
): PublishPlan {
  // A fixed time for the encoder, so the report's id (which hashes it) stays the same push after push.
  const { bundle, selection } = caseStixExport(doc, cap, options.filter, doc.createdAt);
  const now = new Date(options.now ?? Date.now()).toISOString();
  const objects: StixObject[] = [];
  const stamps = new Map<string, { hash: string; created: string; modified: string }>();
  let skipped = 0;
  for (const object of bundle.objects) {
    const hash = objectHash(object);
    const before = sync.sent[object.id];
    if (before && before.hash === hash && !options.resend) {
      skipped++;
      continue;
    }
    if (object.type === 'marking-definition') {
      // Standard TLP 2.0 definitions: fixed content, never versioned.
      objects.push(object);
      stamps.set(object.id, { hash, created: String(object['created']), modified: String(object['created']) });
      continue;
    }
    // Stable without the memory too (a copied case, a moved <case>.taxii): the encoder's own
    // `created` (the case's creation) is the same push after push; STIX keeps it across versions.
    const encoded = typeof object['created'] === 'string' && object['created'] <= now ? object['created'] : now;
    const created = before?.created ?? encoded;
    // Strictly newer than the version sent before, even within one millisecond.
    const modified = before && before.modified >= now ? new Date(Date.parse(before.modified) + 1).toISOString() : now;
    const stamped = { ...object, created, modified };
    objects.push(stamped);
    stamps.set(object.id, { hash, created, modified });
  }
  const carries = carriedRecords(bundle.objects, selection.records);
  // The case's own report, never sent, restates only what the server holds (sources pulled from it,
  // objects all skipped): sending it would echo a pull back. It goes with the first real change.
  const report = objects.find((o) => o.type === 'report' && o['x_casefile_case_id'] !== undefined);
  if (report && objects.length === 1 && !sync.sent[report.id] && !options.resend && skipped > 0) {
    const held = (carries.get(report.id) ?? []).every(({ key, record }) => sync.synced[key] === versionOf(record));
    if (held) {
      objects.length = 0;
      stamps.delete(report.id);
      skipped++;
    }
  }
  return { objects, skipped, leftOut: selection.leftOut, stamps, carries };
}

/** Which records each STIX object stands for, so what the server took can be remembered record by record. */
function carriedRecords(objects: readonly StixObject[], records: ReturnType<typeof caseStixExport>['selection']['records']): Map<string, Array<{ key: string; record: AnyRecord }>> {
  const byId = new Map<string, { collection: CollectionName; record: AnyRecord }>();
  for (const collection of ['events', 'actors', 'relationships', 'series'] as const) for (const r of records[collection]) byId.set(r.id, { collection, record: r });
  const out = new Map<string, Array<{ key: string; record: AnyRecord }>>();
  for (const object of objects) {
    const ourId = object['x_casefile_id'] ?? (object['x_casefile_series'] as { id?: unknown } | undefined)?.id;
    const found = typeof ourId === 'string' ? byId.get(ourId) : undefined;
    if (found) out.set(object.id, [{ key: `${found.collection}/${found.record.id}`, record: found.record }]);
    else if (object.type === 'report' && object['x_casefile_case_id'] !== undefined) out.set(object.id, records.sources.map((s) => ({ key: `sources/${s.id}`, record: s })));
  }
  return out;
}

/**
 * What a merged pull brought is on the server already: each object's latest version counts as
 * sent (its content hash, created, modified), so a push of the unchanged case does not echo it
 * back as a newer version over a partner's later edit, and a real local change goes out with the
 * server's `created` and a `modified` after the server's.
 */
export function rememberPulled(sync: CollectionSync, pulled: readonly StixObject[]): void {
  for (const object of pulled) {
    const created = typeof object['created'] === 'string' ? object['created'] : undefined;
    const modified = typeof object['modified'] === 'string' ? object['modified'] : created;
    if (!created || !modified) continue;
    const before = sync.sent[object.id];
    if (before && before.modified > modified) continue;
    sync.sent[object.id] = { hash: objectHash(object), created: before?.created ?? created, modified };
  }
}

/** What the analyst calls an object: its name, a note's abstract, or a relationship as "A attributed-to B". */
export function nameOf(object: StixObject | undefined, byId?: ReadonlyMap<string, StixObject>): string {
  if (!object) return '';
  const name = object['name'] ?? object['abstract'];
  if (typeof name === 'string' && name) return name;
  if (object.type === 'relationship' && typeof object['source_ref'] === 'string' && typeof object['target_ref'] === 'string') {
    const end = (ref: string): string => nameOf(byId?.get(ref)) || ref;
    return `${end(object['source_ref'])} ${String(object['relationship_type'] ?? 'related-to')} ${end(object['target_ref'])}`;
  }
  return object.id;
}
