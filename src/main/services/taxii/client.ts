import type { StixObject } from '../../../shared/formats/stix';
import { checkServerUrl, clip, parseTaxiiJson, place, statusFailure, taxiiRequest, type TaxiiResponse } from './http';
import { failed, type TaxiiFailure, type TaxiiResult, type TransportOptions } from './types';

/**
 * A TAXII 2.1 client (discovery, API roots, collections, objects, status) for any conforming
 * server. What real servers vary in is handled here, not assumed: an empty page may be `{}`;
 * `next` is sent with the same `limit` and filters; a status may be pending and is polled.
 */

export interface TaxiiDiscovery {
  title: string;
  description?: string;
  default?: string;
  apiRoots: string[];
}

export interface TaxiiApiRoot {
  url: string;
  title: string;
  description?: string;
  versions: string[];
  /** Largest request body the root accepts, in bytes. */
  maxContentLength: number;
}

export interface TaxiiCollection {
  id: string;
  title: string;
  description?: string;
  canRead: boolean;
  canWrite: boolean;
  mediaTypes: string[];
}

export interface ObjectsPage {
  objects: StixObject[];
  more: boolean;
  next?: string;
  /** X-TAXII-Date-Added-First/-Last: the oldest and newest date_added of this page. */
  dateAddedFirst?: string;
  dateAddedLast?: string;
  /** Size of the answer, in bytes. */
  bytes: number;
}

export interface PushOutcome {
  /** Ids (and versions) the server reported as stored. */
  succeeded: string[];
  /** Objects the server refused, with its reason; also objects too large to send at all. */
  failed: Array<{ id: string; message: string }>;
  /** Objects still pending when we stopped polling. */
  pending: string[];
  /** Objects the server's status does not account for (no status, or counts without lists): not remembered as sent, so the next push sends them again. */
  unknown: string[];
  /** Set when a request failed as a whole: objects after `succeeded`/`failed` were not sent. */
  error?: TaxiiFailure;
}

/** Failures of a POST after which the server may still have stored its objects. */
const MAYBE_STORED: ReadonlySet<TaxiiFailure['kind']> = new Set(['timeout', 'cancelled', 'bad-response']);

/** A fallback when an API root does not state its limit: a conservative 1 MiB. */
const DEFAULT_MAX_CONTENT = 1024 * 1024;
/** The envelope's own bytes around the objects. */
const ENVELOPE_SLACK = 64;
/** A pull stops after this many pages of one request (a million objects at 100 a page). */
const MAX_PAGES = 10_000;
/** Most bytes of answers one pull reads (every page is held, and kept beside the case, until the merge). */
export const MAX_PULL_BYTES = 128 * 1024 * 1024;
/** Longest one pull may take, all pages together. */
export const MAX_PULL_MS = 30 * 60 * 1000;

/** A server's text is cut at a fixed length ("…"): a secret cut there leaves its start, which is hidden too (4 characters or more). */
export function hideCutSecret(message: string, secret: string): string {
  for (let k = secret.length - 1; k >= 4; k--) {
    const cut = `${secret.slice(0, k)}…`;
    if (message.includes(cut)) return message.split(cut).join('[secret hidden]…');
  }
  return message;
}

export class TaxiiClient {
  constructor(private readonly options: TransportOptions) {}

  /** A server's words with this connection's secret (as sent, or in clear) taken out: a server or proxy may echo the Authorization header. */
  private hideSecrets(failure: TaxiiFailure): TaxiiFailure {
    const auth = this.options.auth;
    const secrets = auth.kind === 'bearer' ? [auth.token] : auth.kind === 'basic' ? [auth.password, Buffer.from(`${auth.user}:${auth.password}`).toString('base64')] : [];
    let message = failure.message;
    for (const secret of secrets) if (secret.length > 0) message = hideCutSecret(message.split(secret).join('[secret hidden]'), secret);
    return message === failure.message ? failure : { ...failure, message };
  }

  private async getJson(url: URL, what: string): Promise<TaxiiResult<{ json: unknown; response: TaxiiResponse }>> {
    const answer = await taxiiRequest({ method: 'GET', url, what }, this.options);
    if (!answer.ok) return answer;
    if (answer.value.status !== 200) return { ok: false, error: this.hideSecrets(statusFailure(answer.value, url, what)) };
    const json = parseTaxiiJson(answer.value.body);
    if (!json.ok) return json;
    if (!json.value || typeof json.value !== 'object' || Array.isArray(json.value)) return failed('bad-response', `${place(url)} answered with something other than a TAXII resource while ${what}. Check the URL.`);
    return { ok: true, value: { json: json.value, response: answer.value } };
  }

  async discovery(discoveryUrl: string): Promise<TaxiiResult<TaxiiDiscovery>> {
    const url = checkServerUrl(discoveryUrl);
    if (!url.ok) return url;
    const got = await this.getJson(url.value, 'reading the server’s discovery');
    if (!got.ok) return got;
    const o = got.value.json as Record<string, unknown>;
    const roots = Array.isArray(o['api_roots']) ? o['api_roots'].filter((r): r is string => typeof r === 'string') : [];
    // Roots may be relative to the discovery URL.
    const apiRoots = roots.flatMap((r) => {
      try {
        return [new URL(r, url.value).toString()];
      } catch {
        return [];
      }
    });
    const def = typeof o['default'] === 'string' ? safeUrl(o['default'], url.value) : undefined;
    return { ok: true, value: { title: str(o['title']) ?? place(url.value), ...(str(o['description']) ? { description: str(o['description']) as string } : {}), ...(def ? { default: def } : {}), apiRoots } };
  }

  async apiRoot(apiRootUrl: string): Promise<TaxiiResult<TaxiiApiRoot>> {
    const url = checkServerUrl(apiRootUrl);
    if (!url.ok) return url;
    const got = await this.getJson(url.value, 'reading the API root');
    if (!got.ok) return got;
    const o = got.value.json as Record<string, unknown>;
    const max = o['max_content_length'];
    return {
      ok: true,
      value: {
        url: url.value.toString(),
        title: str(o['title']) ?? place(url.value),
        ...(str(o['description']) ? { description: str(o['description']) as string } : {}),
        versions: Array.isArray(o['versions']) ? o['versions'].filter((v): v is string => typeof v === 'string') : [],
        maxContentLength: typeof max === 'number' && Number.isFinite(max) && max > 0 ? max : DEFAULT_MAX_CONTENT,
      },
    };
  }

  async collections(apiRootUrl: string): Promise<TaxiiResult<TaxiiCollection[]>> {
    const url = checkServerUrl(apiRootUrl);
    if (!url.ok) return url;
    const got = await this.getJson(new URL('collections/', url.value), 'listing the collections');
    if (!got.ok) return got;
    const list = (got.value.json as Record<string, unknown>)['collections'];
    const collections = (Array.isArray(list) ? list : []).flatMap((c): TaxiiCollection[] => {
      if (!c || typeof c !== 'object') return [];
      const o = c as Record<string, unknown>;
      const id = str(o['id']);
      if (!id) return [];
      return [{ id, title: str(o['title']) ?? id, ...(str(o['description']) ? { description: str(o['description']) as string } : {}), canRead: o['can_read'] === true, canWrite: o['can_write'] === true, mediaTypes: Array.isArray(o['media_types']) ? o['media_types'].filter((m): m is string => typeof m === 'string') : [] }];
    });
    return { ok: true, value: collections };
  }

  /** One page of a collection's objects. Send `next` with the same `addedAfter` and `limit` as the first page. */
  async objectsPage(apiRootUrl: string, collectionId: string, query: { addedAfter?: string; limit?: number; next?: string }): Promise<TaxiiResult<ObjectsPage>> {
    const root = checkServerUrl(apiRootUrl);
    if (!root.ok) return root;
    const url = new URL(`collections/${encodeURIComponent(collectionId)}/objects/`, root.value);
    if (query.addedAfter) url.searchParams.set('added_after', query.addedAfter);
    if (query.limit) url.searchParams.set('limit', String(query.limit));
    if (query.next) url.searchParams.set('next', query.next);
    const got = await this.getJson(url, `reading collection ${collectionId}`);
    if (!got.ok) return got;
    const o = got.value.json as Record<string, unknown>;
    // An empty result may come as {} (medallion) instead of {"more": false, "objects": []}.
    const raw = Array.isArray(o['objects']) ? o['objects'] : [];
    const objects = raw.filter((x): x is StixObject => !!x && typeof x === 'object' && typeof (x as StixObject).id === 'string' && typeof (x as StixObject).type === 'string');
    const next = str(o['next']);
    const first = got.value.response.headers['x-taxii-date-added-first'];
    const last = got.value.response.headers['x-taxii-date-added-last'];
    // `more` without `next`: the client pages on with added_after (TAXII 2.1 §3.4.3).
    const more = o['more'] === true;
    return {
      ok: true,
      value: { objects, more, bytes: got.value.response.body.length, ...(more && next !== undefined ? { next } : {}), ...(typeof first === 'string' && first ? { dateAddedFirst: first } : {}), ...(typeof last === 'string' && last ? { dateAddedLast: last } : {}) },
    };
  }

  /**
   * Every object added after `addedAfter`, page by page. `onPage` gets each complete page (and
   * the added_after high-water mark after it) before the next is asked for, so a caller can keep
   * what it has: an interrupted pull resumes from the last complete page. A failure `onPage`
   * returns ends the pull with it.
   */
  async pullAll(apiRootUrl: string, collectionId: string, options: { addedAfter?: string; limit?: number; onPage?: (page: ObjectsPage, highWater: string | undefined) => Promise<TaxiiFailure | void> | TaxiiFailure | void; maxBytes?: number; maxMs?: number }): Promise<TaxiiResult<{ objects: StixObject[]; highWater?: string; pages: number }>> {
    const limit = options.limit ?? 100;
    const maxBytes = options.maxBytes ?? MAX_PULL_BYTES;
    const deadline = Date.now() + (options.maxMs ?? MAX_PULL_MS);
    let bytes = 0;
    let previousPage = '';
    const objects: StixObject[] = [];
    let highWater = options.addedAfter;
    // What the pages are asked after: the caller's, or (for a server without `next`) the last page's date_added.
    let addedAfter = options.addedAfter;
    let next: string | undefined;
    let pages = 0;
    let emptyPages = 0;
    let previousLast: string | undefined;
    for (;;) {
      const page = await this.objectsPage(apiRootUrl, collectionId, { ...(addedAfter ? { addedAfter } : {}), limit, ...(next ? { next } : {}) });
      if (!page.ok) return page;
      pages++;
      bytes += page.value.bytes;
      if (bytes > maxBytes) return failed('too-large', `Collection ${collectionId} sent more than ${Math.round(maxBytes / 1024 / 1024)} MiB in one pull (${pages} pages); the pull stopped and nothing was merged. The pages received so far are kept and the next pull resumes after them; ask the server's administrator if this repeats.`);
      // The same token with the same objects again is a loop, not a next page.
      const thisPage = `${next ?? ''}|${page.value.objects.map((o) => `${o.id}@${String(o['modified'] ?? '')}`).join(',')}`;
      if (next !== undefined && page.value.objects.length > 0 && thisPage === previousPage) return failed('bad-response', `The server sent the same page again for \`next\` while reading collection ${collectionId}; the pull stopped instead of looping. Try again later or tell the server's administrator.`);
      previousPage = thisPage;
      objects.push(...page.value.objects);
      // A page may end in the middle of objects added at the same instant (one POST often is one
      // instant), and added_after is strict: a page's last date_added is safe to resume after only
      // once the next page is seen to start later, or when it is the last page.
      const first = page.value.dateAddedFirst;
      if (previousLast && first && first > previousLast && (!highWater || previousLast > highWater)) highWater = previousLast;
      const last = page.value.more ? undefined : page.value.dateAddedLast;
      if (last && (!highWater || last > highWater)) highWater = last;
      previousLast = page.value.dateAddedLast;
      // The caller may stop the pull (e.g. the case it was for is no longer open).
      const stop = await options.onPage?.(page.value, highWater);
      if (stop) return { ok: false, error: stop };
      if (!page.value.more) break;
      // Servers may keep one `next` token for a whole transaction (medallion does), so a repeated
      // token is normal; a server that says "more" but sends nothing is not.
      emptyPages = page.value.objects.length === 0 ? emptyPages + 1 : 0;
      if (emptyPages >= 3 || pages >= MAX_PAGES) return failed('bad-response', `The server kept saying there is more without sending objects while reading collection ${collectionId}; the pull stopped instead of looping. Try again later or tell the server's administrator.`);
      if (Date.now() > deadline) return failed('timeout', `The pull from collection ${collectionId} took longer than ${Math.round((options.maxMs ?? MAX_PULL_MS) / 60_000)} min (${pages} pages); it stopped and nothing was merged. The pages received so far are kept and the next pull resumes after them.`);
      if (page.value.next !== undefined) {
        next = page.value.next;
        continue;
      }
      // No `next`: the rest is after this page's last date_added, which must move on, else it is a loop.
      const after = page.value.dateAddedLast;
      if (!after || (addedAfter !== undefined && after <= addedAfter)) return failed('bad-response', `The server said collection ${collectionId} has more objects but gave neither \`next\` nor a later X-TAXII-Date-Added-Last to continue from; the pull stopped and nothing was merged. The pages received so far are kept; tell the server's administrator.`);
      addedAfter = after;
      next = undefined;
    }
    return { ok: true, value: { objects, pages, ...(highWater ? { highWater } : {}) } };
  }

  /**
   * Adds objects to a collection in envelopes no larger than the API root's max_content_length,
   * following each status resource until it is complete. Never throws; a request that fails as a
   * whole stops the push, and the outcome says exactly which objects went.
   */
  async push(apiRoot: TaxiiApiRoot, collectionId: string, objects: readonly StixObject[], options: { onProgress?: (done: number, total: number) => void; pollMs?: number; maxPolls?: number } = {}): Promise<PushOutcome> {
    const outcome: PushOutcome = { succeeded: [], failed: [], pending: [], unknown: [] };
    const root = checkServerUrl(apiRoot.url);
    if (!root.ok) return { ...outcome, error: root.error };
    const url = new URL(`collections/${encodeURIComponent(collectionId)}/objects/`, root.value);
    const limit = apiRoot.maxContentLength - ENVELOPE_SLACK;
    const batches: Array<{ texts: string[]; ids: string[] }> = [];
    let current = { texts: [] as string[], ids: [] as string[], size: 0 };
    for (const object of objects) {
      const text = JSON.stringify(object);
      const bytes = Buffer.byteLength(text) + 1;
      if (bytes > limit) {
        outcome.failed.push({ id: object.id, message: `larger (${bytes} bytes) than the server accepts in one request (${apiRoot.maxContentLength}); not sent` });
        continue;
      }
      if (current.size + bytes > limit && current.texts.length > 0) {
        batches.push(current);
        current = { texts: [], ids: [], size: 0 };
      }
      current.texts.push(text);
      current.ids.push(object.id);
      current.size += bytes;
    }
    if (current.texts.length > 0) batches.push(current);
    let done = 0;
    for (const batch of batches) {
      // Cancelled between requests: the rest was not sent (and is not "unknown").
      if (this.options.signal?.aborted) return { ...outcome, error: { kind: 'cancelled', message: `Cancelled while writing to collection ${collectionId}.` } };
      const body = Buffer.from(`{"objects":[${batch.texts.join(',')}]}`, 'utf8');
      const what = `writing to collection ${collectionId}`;
      const answer = await taxiiRequest({ method: 'POST', url, body, what }, this.options);
      // A request cut off in flight (timeout, cancel, a broken answer) may have been stored: its
      // objects are unknown, not "not sent". A refused connection or an HTTP error stored nothing.
      if (!answer.ok) return { ...outcome, ...(MAYBE_STORED.has(answer.error.kind) ? { unknown: [...outcome.unknown, ...batch.ids] } : {}), error: answer.error };
      if (answer.value.status !== 202 && answer.value.status !== 200) return { ...outcome, error: this.hideSecrets(statusFailure(answer.value, url, what)) };
      const status = await this.followStatus(root.value, answer.value, options.pollMs ?? 500, options.maxPolls ?? 20);
      if (!status.ok) {
        // The server took the request but we cannot tell which objects it kept: none is counted as sent.
        return { ...outcome, pending: [...outcome.pending, ...batch.ids], error: status.error };
      }
      const s = status.value;
      // Only this request's objects: a status naming others is not believed.
      const mine = new Set(batch.ids);
      const failures = s.failures.filter((f) => mine.has(f.id));
      const failedIds = new Set(failures.map((f) => f.id));
      const pendingIds = new Set(s.pendings);
      for (const f of failures) outcome.failed.push({ id: f.id, message: this.hideSecrets({ kind: 'http', message: f.message }).message });
      // Counts without a list that say every object of the request failed: each one failed (the server gave no reason).
      const allFailedByCount = s.status === 'complete' && failures.length === 0 && s.successes.size === 0 && s.counts.failure === batch.ids.length && batch.ids.length > 0;
      if (allFailedByCount) {
        for (const id of batch.ids) outcome.failed.push({ id, message: 'the server counted it as failed without saying why' });
        done += batch.ids.length;
        options.onProgress?.(done, objects.length);
        continue;
      }
      // Listed successes are believed; without lists, only a complete status whose counts say every
      // object of this request succeeded (and none failed or is pending) stands for all of them.
      const allByCounts = s.status === 'complete' && s.counts.success === batch.ids.length && s.counts.failure === 0 && s.counts.pending === 0 && s.failures.length === 0 && s.pendings.length === 0;
      for (const id of batch.ids) {
        if (failedIds.has(id)) continue;
        if (pendingIds.has(id)) outcome.pending.push(id);
        else if (s.successes.has(id) || (s.successes.size === 0 && allByCounts)) outcome.succeeded.push(id);
        else if (s.status !== 'complete') outcome.pending.push(id);
        else outcome.unknown.push(id);
      }
      done += batch.ids.length;
      options.onProgress?.(done, objects.length);
    }
    return outcome;
  }

  /** Reads the status resource a POST returned, and polls it until it is complete (or we give up). */
  private async followStatus(root: URL, first: TaxiiResponse, pollMs: number, maxPolls: number): Promise<TaxiiResult<StatusResource>> {
    let parsed = readStatus(first.body);
    if (!parsed.ok) return parsed;
    for (let polls = 0; parsed.value.status !== 'complete' && polls < maxPolls && parsed.value.id; polls++) {
      await new Promise((r) => setTimeout(r, Math.min(pollMs * 2 ** polls, 5_000)));
      if (this.options.signal?.aborted) return failed('cancelled', 'Cancelled while waiting for the server to finish storing the objects; some may have been stored. Push again to see what remains.');
      const url = new URL(`status/${encodeURIComponent(parsed.value.id)}/`, root);
      const got = await this.getJson(url, 'reading the status of the push');
      if (!got.ok) return got;
      parsed = readStatus(Buffer.from(JSON.stringify(got.value.json)));
      if (!parsed.ok) return parsed;
    }
    return parsed;
  }
}

interface StatusResource {
  id?: string;
  /** 'complete' or 'pending'; 'unknown' when the server sent no status at all. */
  status: string;
  successes: Set<string>;
  failures: Array<{ id: string; message: string }>;
  pendings: string[];
  /** success_count / failure_count / pending_count (TAXII 2.1 §4.3.1: required; the lists are optional). */
  counts: { success?: number; failure?: number; pending?: number };
}

function readStatus(body: Buffer): TaxiiResult<StatusResource> {
  const json = parseTaxiiJson(body);
  if (!json.ok) return json;
  const o = (json.value && typeof json.value === 'object' ? json.value : {}) as Record<string, unknown>;
  const list = (key: string): Array<Record<string, unknown>> => (Array.isArray(o[key]) ? (o[key] as unknown[]).filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : []);
  // No status at all (e.g. a 202 with {}) says nothing about what was stored.
  const status = str(o['status']) ?? 'unknown';
  const count = (key: string): number | undefined => (typeof o[key] === 'number' && Number.isInteger(o[key]) ? (o[key] as number) : undefined);
  return {
    ok: true,
    value: {
      ...(str(o['id']) ? { id: str(o['id']) as string } : {}),
      status,
      successes: new Set(list('successes').flatMap((s) => (typeof s['id'] === 'string' ? [s['id']] : []))),
      failures: list('failures').flatMap((f) => (typeof f['id'] === 'string' ? [{ id: f['id'], message: clip(str(f['message']) ?? 'refused by the server') }] : [])),
      pendings: list('pendings').flatMap((p) => (typeof p['id'] === 'string' ? [p['id']] : [])),
      counts: { ...(count('success_count') !== undefined ? { success: count('success_count') } : {}), ...(count('failure_count') !== undefined ? { failure: count('failure_count') } : {}), ...(count('pending_count') !== undefined ? { pending: count('pending_count') } : {}) },
    },
  };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, 10_000) : undefined;
}

function safeUrl(text: string, base: URL): string | undefined {
  try {
    return new URL(text, base).toString();
  } catch {
    return undefined;
  }
}
