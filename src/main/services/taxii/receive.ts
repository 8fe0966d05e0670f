import type { CaseDocument } from '../../../shared/domain/case';
import type { AnyRecord, CollectionName } from '../../../shared/domain/collections';
import { caseStixExport, planMerge, type Exchanged, type MergePlan } from '../../../shared/exchange';
import type { IncomingPayload } from '../../../shared/exchange/manifest';
import { ACTOR_STIX_TYPE } from '../../../shared/formats/stix/mapping';
import { TLP2_STIX_IDS } from '../../../shared/domain/marking';
import { stixBundleToRecords, stixIdFor, TLP1_STIX_IDS, type KeptAside, type StixObject, type StixProblem } from '../../../shared/formats/stix';
import type { CollectionSync } from './sync-store';

/**
 * What pulled objects mean for the case: decoded with the STIX codec and planned as the same merge
 * a partner's .casefile gets. A pull brings only objects added since the cursor (a changed incident
 * without the relationships and actors it names), so they are decoded together with our own case
 * as STIX, and only the records the pulled objects touch go into the plan. The common version of a
 * record is the one this case last pushed or merged (CollectionSync.synced).
 */

export interface ReceivePlan {
  plan: MergePlan;
  /** The records received, as the merge compares them: remembered as the server's version once merged. */
  incoming: Array<{ collection: CollectionName; record: AnyRecord }>;
  /** Pulled objects the codec could not map to a record, by id and type, with why. */
  unmapped: KeptAside[];
  problems: StixProblem[];
  /** How many objects were pulled (latest version of each id). */
  received: number;
}

export function planReceive(doc: CaseDocument, pulled: readonly StixObject[], sync: CollectionSync, versionOf: (r: AnyRecord) => string): ReceivePlan {
  // The newest version of each id (a collection may hold several, and pending pages may repeat one).
  const latest = new Map<string, StixObject>();
  for (const object of pulled) {
    const held = latest.get(object.id);
    if (!held || String(object['modified'] ?? '') >= String(held['modified'] ?? '')) latest.set(object.id, object);
  }
  // An object whose x_casefile_id does not give back its own STIX id (a platform that re-issued the
  // id, or a server naming another of our records) cannot be trusted to mean either record: listed.
  const disagreeing: KeptAside[] = [];
  for (const [id, object] of latest) {
    const ourId = object['x_casefile_id'];
    if (typeof ourId !== 'string' || stixIdFor(object.type, ourId) === id) continue;
    latest.delete(id);
    disagreeing.push({ id, type: object.type, reason: `its x_casefile_id (${ourId.slice(0, 100)}) names a record whose STIX id is not ${id}; not merged. Ask the sender to send it again from Casefile Workbench, or add it by hand.` });
  }
  const ours = caseStixExport(doc, 'TLP:RED', undefined, doc.createdAt).bundle.objects;
  const union = new Map<string, StixObject>(ours.map((o) => [o.id, o]));
  for (const [id, object] of latest) union.set(id, object);
  // A marking this pull does not define (a partner's own marking-definition sent in an earlier
  // pull, or one we do not know) must not fall to the default: the object is taken as TLP:RED.
  for (const [id, object] of latest) if (hasUnknownMarking(object, union)) union.set(id, { ...object, object_marking_refs: [...(object['object_marking_refs'] as string[]), TLP2_STIX_IDS['TLP:RED']] });
  const decoded = stixBundleToRecords({ type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000000', objects: [...union.values()] });
  const received = new Set(latest.keys());
  // Incidents a pulled relationship starts from (a claim or participant added) are touched too.
  for (const object of latest.values()) if (object.type === 'relationship' && typeof object['source_ref'] === 'string') received.add(object['source_ref']);
  const reportedSources = new Set<string>();
  for (const object of latest.values()) {
    const list = object['x_casefile_sources'];
    if (object.type === 'report' && Array.isArray(list)) for (const s of list) if (s && typeof (s as { id?: unknown }).id === 'string') reportedSources.add((s as { id: string }).id);
  }
  const heldSources = new Set(doc.sources.map((s) => s.id));
  // Foreign objects become records named by their STIX UUID, under a type that need not be the
  // one we would write (a nation-state threat-actor is a state body, which we write as an identity).
  const receivedUuids = new Set([...received].map(uuidOf));
  const came = (stixId: string, ourId: string): boolean => received.has(stixId) || receivedUuids.has(uuidOf(ourId));
  const touched = {
    events: decoded.records.events.filter((e) => came(stixIdFor('incident', e.id), e.id)),
    actors: decoded.records.actors.filter((a) => came(stixIdFor(ACTOR_STIX_TYPE[a.kind], a.id), a.id)),
    relationships: decoded.records.relationships.filter((r) => came(stixIdFor('relationship', r.id), r.id)),
    series: decoded.records.series.filter((s) => came(stixIdFor('note', s.id), s.id)),
    // Ours come in the report's list; a foreign report becomes a source we do not hold.
    sources: decoded.records.sources.filter((s) => reportedSources.has(s.id) || !heldSources.has(s.id)),
  };
  const incoming: ReceivePlan['incoming'] = [];
  const versions: Record<string, string[]> = {};
  for (const collection of ['sources', 'actors', 'relationships', 'series', 'events'] as const) {
    for (const record of touched[collection] as AnyRecord[]) {
      incoming.push({ collection, record });
      const base = sync.synced[`${collection}/${record.id}`];
      const now = versionOf(record);
      versions[record.id] = base && base !== now ? [base, now] : [now];
    }
  }
  const payload: IncomingPayload = { records: { ...touched, matrices: [], matrixRows: [] } as IncomingPayload['records'], versions, tombstones: [] };
  // A merge the analyst undid is planned as if it never happened: its records are offered again, not taken as deleted by us.
  const plan = planMerge({ ...doc, history: withoutUndoneMerges(doc.history) } as Pick<CaseDocument, Exchanged | 'history'>, payload, versionOf, sync.cap ? { cut: sync.cap } : {});
  return {
    plan,
    incoming,
    unmapped: [...disagreeing, ...decoded.keptAside.filter((k) => latest.has(k.id))],
    problems: decoded.problems.filter((p) => latest.has(p.id)),
    received: latest.size + disagreeing.length,
  };
}

const KNOWN_MARKINGS = new Set<string>([...Object.values(TLP2_STIX_IDS), ...Object.keys(TLP1_STIX_IDS)]);

function hasUnknownMarking(object: StixObject, defined: ReadonlyMap<string, StixObject>): boolean {
  const refs = object['object_marking_refs'];
  if (!Array.isArray(refs)) return false;
  return refs.some((ref) => typeof ref !== 'string' || (!KNOWN_MARKINGS.has(ref) && defined.get(ref)?.type !== 'marking-definition'));
}

function uuidOf(id: string): string {
  return id.slice(id.indexOf('--') + 2).toLowerCase();
}

/** The history without each merge whose undo stands, and without that undo. */
function withoutUndoneMerges(history: CaseDocument['history']): CaseDocument['history'] {
  const bySeq = new Map(history.map((e) => [e.seq, e]));
  const cancelled = new Set<number>();
  const dropped = new Set<number>();
  for (let i = history.length - 1; i >= 0; i--) {
    const entry = history[i]!;
    if (cancelled.has(entry.seq) || entry.undoes === undefined) continue;
    cancelled.add(entry.undoes);
    if (entry.kind === 'undo' && bySeq.get(entry.undoes)?.kind === 'merge') dropped.add(entry.seq).add(entry.undoes);
  }
  return dropped.size === 0 ? history : history.filter((e) => !dropped.has(e.seq));
}

/**
 * When one of the merges that moved a cursor is no longer in effect (undone, and the undo not
 * redone), the cursor goes back to before the earliest such merge, so the next pull asks the
 * server for those objects again instead of skipping them.
 */
export function rewindPastUndone(merges: CollectionSync['merges'], history: CaseDocument['history']): { apply: (sync: CollectionSync) => void } | null {
  if (!merges || merges.length === 0) return null;
  const undoneBy = new Map<number, number[]>();
  for (const entry of history) if (entry.undoes !== undefined) undoneBy.set(entry.undoes, [...(undoneBy.get(entry.undoes) ?? []), entry.seq]);
  const inEffect = (seq: number, depth = 0): boolean => depth > 10_000 || !(undoneBy.get(seq) ?? []).some((by) => inEffect(by, depth + 1));
  const first = merges.findIndex((m) => !inEffect(m.seq));
  if (first < 0) return null;
  const back = merges[first];
  return {
    apply: (sync) => {
      if (back?.cursor) sync.cursor = back.cursor;
      else delete sync.cursor;
      delete sync.pending;
      sync.merges = merges.slice(0, first);
    },
  };
}
