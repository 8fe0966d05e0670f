import type { CaseDocument } from '../../../shared/domain/case';
import type { Change } from '../../../shared/domain/audit';
import { planDifferences, resolveMerge, type LeftOut, type Resolution } from '../../../shared/exchange';
import type { StixObject } from '../../../shared/formats/stix';
import type { CaseStore } from '../../store/case-store';
import { oneAtATime } from '../../store/sealed-json';
import { StoreError } from '../../store/store-error';
import type { CaseService } from '../case-service';
import { newVersionHasher } from '../exchange/hashing';
import { chooseSealer, type SecretSealer } from '../secrets/secret-sealer';
import { TaxiiClient, type TaxiiApiRoot, type TaxiiCollection } from './client';
import { checkServerUrl, place } from './http';
import { nameOf, planPublish, rememberPulled } from './publish';
import { planReceive, rewindPastUndone, type ReceivePlan } from './receive';
import { connectionInfo, sealSecret, syncKey, TaxiiSyncStore, type ConnectionInfo, type StoredConnection } from './sync-store';
import { failed, type TaxiiAuth, type TaxiiFailure, type TaxiiResult, type TransportOptions } from './types';
import type { Endpoint, PullOptions, PullOutcome, PullReview, PushedObject, PushOptions, PushReport, ServerListing } from './service-types';

/**
 * TAXII 2.1 for the open case (issue 16). The service API, for the IPC handlers and the CLI:
 *
 *   connections()                       the case's saved connections (ConnectionInfo: never a secret)
 *   addConnection(input) / removeConnection(id)
 *   endpoint(connectionId)              a saved connection as an Endpoint (secret included; main process only)
 *   listCollections(endpoint)           discovery → API roots (max_content_length) → collections (can_read/can_write)
 *   previewPush(endpoint?, collection, { maxMarking, filter })   what a push would send / skip / leave out, offline
 *   push(endpoint, collection, { maxMarking, filter, signal, onProgress })
 *                                       → sent / skipped / failed (by id, type and name) / pending / left out
 *   pull(endpoint, collection, { limit, signal, onProgress })
 *                                       → a PullReview: the same MergePlan a .casefile gets, plus unmapped objects
 *   applyPull(review, resolutions, { dryRun })   one 'merge' audit entry (one undo); the cursor moves only here
 *
 * Every network failure is a value (TaxiiFailure: kind + a message that says what to do). A failed
 * or cancelled pull leaves the case untouched; complete pages are kept (sealed, beside the case),
 * so the next pull resumes after them. Secrets live only in the sealed `<case>.taxii` file.
 */

export type { Endpoint, PullOptions, PullOutcome, PullReview, PushedObject, PushOptions, PushReport, ServerListing } from './service-types';

interface ReviewBasis {
  caseId: string;
  generation: number;
  seq: number;
  key: string;
  pulled: StixObject[];
  highWater?: string;
  endpoint: string;
}

/** A client for one connection: its credentials go only to the discovery URL's origin. */
export function endpointClient(endpoint: Endpoint, transport: Partial<Omit<TransportOptions, 'auth' | 'ca' | 'signal' | 'home'>> = {}, signal?: AbortSignal): TaxiiClient {
  const url = checkServerUrl(endpoint.discoveryUrl);
  // An invalid discovery URL fails in discovery itself; 'null' then matches no request.
  const home = url.ok ? url.value.origin : 'null';
  return new TaxiiClient({ ...transport, home, auth: endpoint.auth, ...(endpoint.caPem ? { ca: endpoint.caPem } : {}), ...(signal ? { signal } : {}) });
}

export class TaxiiService {
  private readonly versionOf = newVersionHasher();
  private readonly reviews = new WeakMap<PullReview, ReviewBasis>();

  /**
   * `sealer`: the OS keychain, where the host offers a real one (Electron's safeStorage); new
   * secrets are sealed by it. Without one, secrets are kept in the case's sealed `<case>.taxii`.
   */
  constructor(
    private readonly cases: CaseService,
    private readonly transport: Partial<Omit<TransportOptions, 'auth' | 'ca' | 'signal' | 'home'>> = {},
    private readonly secrets: { sealer?: SecretSealer | null } = {},
  ) {}

  private store(): TaxiiSyncStore {
    const doc = this.cases.document;
    const path = this.cases.path;
    const dataKey = this.cases.dataKey();
    if (!doc || !path || !dataKey) throw new StoreError('NO_CASE_OPEN', 'No case is open. Open the case whose TAXII connections you want first.');
    return TaxiiSyncStore.for(path, dataKey, doc.id);
  }

  async connections(): Promise<ConnectionInfo[]> {
    return (await this.store().connections()).map(connectionInfo);
  }

  async addConnection(input: { label: string; discoveryUrl: string; auth: TaxiiAuth; caPem?: string }): Promise<TaxiiResult<ConnectionInfo>> {
    const url = checkServerUrl(input.discoveryUrl);
    if (!url.ok) return url;
    if (input.caPem !== undefined && !/-----BEGIN CERTIFICATE-----/.test(input.caPem)) return failed('invalid-url', 'The CA certificate is not PEM text (-----BEGIN CERTIFICATE-----). Export it from the server or its administrator as PEM.');
    const sealed = sealSecret(input.auth, chooseSealer(this.secrets.sealer));
    const stored = await this.store().addConnection({ label: input.label.trim() || url.value.host, discoveryUrl: url.value.toString(), ...sealed, ...(input.caPem ? { caPem: input.caPem } : {}) });
    return { ok: true, value: connectionInfo(stored) };
  }

  async removeConnection(id: string): Promise<boolean> {
    return this.store().removeConnection(id);
  }

  async endpoint(connectionId: string): Promise<Endpoint> {
    const c: StoredConnection = await this.store().connection(connectionId);
    return { discoveryUrl: c.discoveryUrl, auth: this.openSecret(c), ...(c.caPem ? { caPem: c.caPem } : {}) };
  }

  /** The connection's auth with its secret, opened by the OS keychain when it was sealed there. */
  private openSecret(c: StoredConnection): TaxiiAuth {
    if (!c.osSecret) return c.auth;
    const secret = this.secrets.sealer?.open(Buffer.from(c.osSecret, 'base64')) ?? null;
    if (secret === null) {
      throw new StoreError('UNAVAILABLE', `The secret of “${c.label}” is kept in the OS keychain of the computer and account where it was added, and it cannot be opened here. Remove the connection and add it again with its password or token.`);
    }
    if (c.auth.kind === 'basic') return { ...c.auth, password: secret };
    if (c.auth.kind === 'bearer') return { ...c.auth, token: secret };
    return c.auth;
  }

  private client(endpoint: Endpoint, signal?: AbortSignal): TaxiiClient {
    return endpointClient(endpoint, this.transport, signal);
  }

  /** Discovery, every API root (with max_content_length) and its collections; a root that fails is listed with its error. */
  async listCollections(endpoint: Endpoint, signal?: AbortSignal): Promise<TaxiiResult<ServerListing>> {
    const client = this.client(endpoint, signal);
    const discovery = await client.discovery(endpoint.discoveryUrl);
    if (!discovery.ok) return discovery;
    const roots = discovery.value.apiRoots.length > 0 ? discovery.value.apiRoots : discovery.value.default ? [discovery.value.default] : [];
    const apiRoots: ServerListing['apiRoots'] = [];
    for (const url of roots) {
      const root = await client.apiRoot(url);
      if (!root.ok) {
        if (root.error.kind === 'cancelled' || root.error.kind === 'unauthorized') return root;
        apiRoots.push({ url, error: root.error });
        continue;
      }
      const collections = await client.collections(url);
      if (!collections.ok) {
        if (collections.error.kind === 'cancelled' || collections.error.kind === 'unauthorized') return collections;
        apiRoots.push({ url, error: collections.error });
      } else apiRoots.push({ root: root.value, collections: collections.value });
    }
    return { ok: true, value: { title: discovery.value.title, apiRoots } };
  }

  /** The API root holding a collection, and the collection as the server describes it. */
  private async locate(endpoint: Endpoint, collectionId: string, signal?: AbortSignal): Promise<TaxiiResult<{ root: TaxiiApiRoot; collection: TaxiiCollection }>> {
    const listing = await this.listCollections(endpoint, signal);
    if (!listing.ok) return listing;
    for (const entry of listing.value.apiRoots) {
      if (!('root' in entry)) continue;
      const collection = entry.collections.find((c) => c.id === collectionId);
      if (collection) return { ok: true, value: { root: entry.root, collection } };
    }
    const firstError = listing.value.apiRoots.find((e): e is { url: string; error: TaxiiFailure } => 'error' in e);
    if (firstError) return { ok: false, error: firstError.error };
    return failed('not-found', `${place(new URL(endpoint.discoveryUrl))} lists no collection ${collectionId} for these credentials. List the collections (casefile taxii collections) and pick one of them.`);
  }

  /** What a push would send, skip and leave out, computed offline from what this case remembers. */
  async previewPush(apiRootUrl: string, collectionId: string, options: Pick<PushOptions, 'maxMarking' | 'filter' | 'resend'>): Promise<{ toSend: number; skipped: number; leftOut: LeftOut[] }> {
    const sync = await this.store().sync(syncKey(apiRootUrl, collectionId));
    const plan = planPublish(this.doc(), options.maxMarking, sync, { ...(options.filter ? { filter: options.filter } : {}), ...(options.resend ? { resend: true } : {}) });
    return { toSend: plan.objects.length, skipped: plan.skipped, leftOut: plan.leftOut };
  }

  async push(endpoint: Endpoint, collectionId: string, options: PushOptions): Promise<TaxiiResult<PushReport>> {
    // The push belongs to the case open now: if another is opened while connecting, nothing of it is sent.
    const bound = { caseId: this.doc().id, generation: this.cases.generation };
    options.onProgress?.({ phase: 'connecting', done: 0, total: 1 });
    const found = await this.locate(endpoint, collectionId, options.signal);
    if (!found.ok) return found;
    const { root, collection } = found.value;
    if (!collection.canWrite) return failed('forbidden', `Collection “${collection.title}” (${collection.id}) is read-only for these credentials (can_write is false); nothing was sent. Pick a writable collection, or ask the server's administrator for write access.`);
    const key = syncKey(root.url, collection.id);
    // One push per case and collection at a time (two windows, or a double click): the second plans
    // after the first has remembered what it sent, so nothing is sent twice.
    return oneAtATime(`${this.cases.path ?? ''}#taxii-push|${key}`, () => {
      if (this.cases.document?.id !== bound.caseId || this.cases.generation !== bound.generation) {
        return Promise.resolve(failed<PushReport>('cancelled', `The case was closed or another case was opened while connecting to push to collection ${collection.id}; nothing was sent. Open the case you want to publish and push again.`));
      }
      return this.pushPlanned(endpoint, root, collection, key, options);
    });
  }

  private async pushPlanned(endpoint: Endpoint, root: TaxiiApiRoot, collection: TaxiiCollection, key: string, options: PushOptions): Promise<TaxiiResult<PushReport>> {
    const store = this.store();
    const plan = planPublish(this.doc(), options.maxMarking, await store.sync(key), { ...(options.filter ? { filter: options.filter } : {}), ...(options.resend ? { resend: true } : {}) });
    const client = this.client(endpoint, options.signal);
    const outcome = plan.objects.length === 0 ? { succeeded: [], failed: [], pending: [], unknown: [] } : await client.push(root, collection.id, plan.objects, { onProgress: (done, total) => options.onProgress?.({ phase: 'sending', done, total }) });
    // Remember exactly what the server took (even when the push stopped part-way), so the next push sends the rest.
    const took = new Set(outcome.succeeded);
    if (took.size > 0) {
      await store.updateSync(key, (sync) => {
        for (const id of took) {
          const stamp = plan.stamps.get(id);
          if (stamp) sync.sent[id] = stamp;
          for (const carried of plan.carries.get(id) ?? []) sync.synced[carried.key] = this.versionOf(carried.record);
        }
        sync.cap = options.maxMarking;
      });
    }
    const byId = new Map(plan.objects.map((o) => [o.id, o]));
    const named = (id: string): PushedObject => ({ id, type: byId.get(id)?.type ?? id.split('--')[0] ?? 'object', name: nameOf(byId.get(id), byId) || id });
    const report: PushReport = {
      collection: collection.id,
      sent: took.size,
      sentObjects: [...took].map(named),
      skipped: plan.skipped,
      failed: outcome.failed.map((f) => ({ ...named(f.id), message: f.message })),
      pending: outcome.pending.map(named),
      unknown: outcome.unknown.map(named),
      leftOut: plan.leftOut,
      ...('error' in outcome && outcome.error ? { error: outcome.error } : {}),
    };
    return { ok: true, value: report };
  }

  /**
   * Pulls what the collection gained since this case's cursor, page by page (each complete page
   * kept, so an interrupted pull resumes after it), and plans the merge. The case is not touched.
   */
  async pull(endpoint: Endpoint, collectionId: string, options: PullOptions = {}): Promise<TaxiiResult<PullReview>> {
    options.onProgress?.({ phase: 'connecting', done: 0, total: 1 });
    const found = await this.locate(endpoint, collectionId, options.signal);
    if (!found.ok) return found;
    const { root, collection } = found.value;
    if (!collection.canRead) return failed('forbidden', `Collection “${collection.title}” (${collection.id}) cannot be read with these credentials (can_read is false). Pick another collection, or ask the server's administrator for read access.`);
    const key = syncKey(root.url, collection.id);
    // The pull belongs to the case open now (its id and this opening of it): its cursor, its pages,
    // its plan. If another case is opened meanwhile, the pull is refused, and neither case changes.
    const bound = { caseId: this.doc().id, generation: this.cases.generation };
    const switched = (): TaxiiFailure | undefined => (this.cases.document?.id === bound.caseId && this.cases.generation === bound.generation ? undefined : { kind: 'cancelled', message: `The case was closed or another case was opened while pulling from collection ${collection.id}; the pull was discarded and no case was changed. Open the case you want to update and pull again.` });
    const store = this.store();
    // A merged pull that was undone gives its objects back: the cursor returns to before that merge.
    const rewound = rewindPastUndone((await store.sync(key)).merges, this.doc().history);
    if (rewound) await store.updateSync(key, (s) => rewound.apply(s));
    const sync = await store.sync(key);
    // Pages received after the cursor but never merged: resume after them.
    const resumed = sync.pending && sync.pending.after === sync.cursor ? sync.pending : undefined;
    const kept: StixObject[] = [...((resumed?.objects ?? []) as StixObject[])];
    const addedAfter = resumed?.highWater ?? sync.cursor;
    let received = 0;
    // The pages kept for resuming are written each time they have doubled (and when the pull ends,
    // complete or not), so a long pull writes them a few times over, not once per page.
    let saved = kept.length;
    let lastHighWater = resumed?.highWater;
    const save = async (): Promise<void> => {
      if (kept.length === saved || switched()) return;
      const highWater = lastHighWater;
      await store.updateSync(key, (s) => {
        s.pending = { ...(sync.cursor ? { after: sync.cursor } : {}), ...(highWater ? { highWater } : {}), objects: kept };
      });
      saved = kept.length;
    };
    const pulled = await this.client(endpoint, options.signal).pullAll(root.url, collection.id, {
      ...(addedAfter ? { addedAfter } : {}),
      ...(options.limit ? { limit: options.limit } : {}),
      onPage: async (page, highWater) => {
        const gone = switched();
        if (gone) return gone;
        kept.push(...page.objects);
        received += page.objects.length;
        lastHighWater = highWater;
        options.onProgress?.({ phase: 'receiving', done: received, total: received });
        if (kept.length >= 2 * saved) await save();
      },
    });
    await save();
    if (!pulled.ok) return pulled;
    const gone = switched();
    if (gone) return { ok: false, error: gone };
    options.onProgress?.({ phase: 'planning', done: 0, total: 1 });
    const doc = this.doc();
    const planned = planReceive(doc, kept, await store.sync(key), this.versionOf);
    const highWater = pulled.value.highWater ?? resumed?.highWater;
    const review: PullReview = { ...planned, collection: collection.id, ...(sync.cursor ? { from: sync.cursor } : {}), ...(highWater ? { highWater } : {}), pages: pulled.value.pages };
    this.reviews.set(review, { caseId: doc.id, generation: this.cases.generation, seq: lastSeq(doc), key, pulled: kept, ...(highWater ? { highWater } : {}), endpoint: `${place(new URL(root.url))} collection ${collection.title}` });
    return { ok: true, value: review };
  }

  /**
   * Merges a reviewed pull as ONE audit entry ('merge'): one undo takes it back. The cursor moves
   * (and what the server holds is remembered) only after the merge is written; a dry run goes
   * through the same steps and moves nothing. When the case changed since the review in a way that
   * changes the merge, nothing is applied and the differences come back.
   */
  async applyPull(review: PullReview, resolutions: Readonly<Record<string, Resolution>>, options: { dryRun?: boolean } = {}): Promise<PullOutcome> {
    const basis = this.reviews.get(review);
    const doc = this.doc();
    if (!basis || basis.caseId !== doc.id || basis.generation !== this.cases.generation) throw new StoreError('CONFLICT', 'This pull was reviewed in another case, or before the case was closed and opened again; pull again. Nothing was merged.');
    let outcome: PullOutcome | null = null;
    let current: ReceivePlan = review;
    let stale: string[] | null = null;
    const syncNow = await this.store().sync(basis.key);
    const build = (records: CaseStore['records']): { summary: string; changes: Change[] } => {
      const now = this.doc();
      if (lastSeq(now) !== basis.seq) {
        current = planReceive(now, basis.pulled, syncNow, this.versionOf);
        const differences = planDifferences(review.plan, current.plan);
        if (differences.length > 0) {
          stale = differences;
          throw new StoreError('CONFLICT', `The case changed since you reviewed this pull, and that changes the merge: ${differences.join('; ')}. Pull again to review it; nothing was merged.`);
        }
        // The same review, planned on today's case: the merge's `before` values are today's, so undo restores today.
      }
      const resolved = resolveMerge(current.plan, resolutions, basis.endpoint, (c, id) => records.has(c, id));
      const c = resolved.counts;
      const summary = `Merged from TAXII ${basis.endpoint}: ${c.added} new, ${c.changed} changed, ${c.deleted} deleted`;
      outcome = { seq: null, summary, counts: c, skipped: resolved.skipped };
      return { summary, changes: resolved.changes };
    };
    const result = options.dryRun ? this.cases.checkBatch(build) : await this.cases.commitBatch('merge', build);
    if (!result.ok) {
      if (stale) return { seq: null, summary: result.error.message, counts: { added: 0, changed: 0, deleted: 0, conflictsResolved: 0 }, skipped: [], stale: { differences: stale } };
      throw new StoreError(result.error.code, result.error.message);
    }
    const done = outcome as PullOutcome | null;
    if (!done) throw new StoreError('INTERNAL', 'The merge finished without an outcome.');
    if (!options.dryRun) {
      const seq = 'seq' in result.value ? result.value.seq : undefined;
      await this.store().updateSync(basis.key, (sync) => {
        if (basis.highWater && seq !== undefined) sync.merges = [...(sync.merges ?? []), { seq, ...(sync.cursor ? { cursor: sync.cursor } : {}) }].slice(-1_000);
        if (basis.highWater) sync.cursor = basis.highWater;
        delete sync.pending;
        for (const { collection, record } of review.incoming) sync.synced[`${collection}/${record.id}`] = this.versionOf(record);
        rememberPulled(sync, basis.pulled);
      });
    }
    return { ...done, seq: 'seq' in result.value ? result.value.seq : null };
  }

  private doc(): CaseDocument {
    const doc = this.cases.document;
    if (!doc) throw new StoreError('NO_CASE_OPEN', 'No case is open. Open or create a case first.');
    return doc;
  }
}

function lastSeq(doc: CaseDocument): number {
  return doc.history.at(-1)?.seq ?? 0;
}
