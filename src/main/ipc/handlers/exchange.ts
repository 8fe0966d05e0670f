import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { canonicalJson, type Conflict, type MergePlan } from '../../../shared/exchange';
import { REVIEW_FIELDS, REVIEW_PAGE, type ExchangeProgress, type ReviewList } from '../../../shared/ipc/channels/exchange';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/ipc/result';
import { asStoreError } from '../../services/case-service';
import type { OpenedCasefile } from '../../services/exchange/casefile-read';
import { ExchangeService } from '../../services/exchange/exchange-service';
import { weakPassphraseRefusal } from '../../services/passphrase-strength';
import { StoreError } from '../../store/store-error';
import type { Handlers } from '../guard';
import type { HandlerContext } from './context';

type ExchangeChannels = 'exchange:keys' | 'exchange:set-name' | 'exchange:import-key' | 'exchange:preview' | 'exchange:export' | 'exchange:export-stix' | 'exchange:cancel' | 'exchange:pick-file' | 'exchange:pick-save-path' | 'exchange:open' | 'exchange:review-page' | 'exchange:merge';

/** Exchange channels. A received file is opened once; the renderer refers to it by a token until it merges. */
export function exchangeHandlers(ctx: HandlerContext): Pick<Handlers, ExchangeChannels> {
  const exchange = new ExchangeService(ctx.cases, userName());
  const pending = new Map<string, { opened: OpenedCasefile; plan: MergePlan }>();
  const guardPath = (path: string): string | null =>
    ctx.host.allowsTypedPaths || ctx.grantedPaths.has(path) ? null : 'This window may only use files you picked in a dialog. Pick the file again.';
  // Running exports and opens, so exchange:cancel can stop them.
  const running = new Set<AbortController>();
  const tracked = async <T>(operation: ExchangeProgress['operation'], work: (signal: AbortSignal, onProgress: (p: Omit<ExchangeProgress, 'operation'>) => void) => Promise<T>): Promise<T> => {
    const controller = new AbortController();
    running.add(controller);
    const emit = throttled((p: Omit<ExchangeProgress, 'operation'>) => ctx.emit?.('exchange:progress', { operation, ...p }));
    try {
      return await work(controller.signal, emit);
    } finally {
      running.delete(controller);
      ctx.emit?.('exchange:progress', { operation, phase: 'done', done: 1, total: 1 });
    }
  };
  const attempt = async <T>(work: () => Promise<T>) => {
    try {
      return ok(await work());
    } catch (error) {
      const failure = asStoreError(error);
      return err(failure.code, failure.message);
    }
  };
  return {
    'exchange:keys': () =>
      attempt(async () => {
        const self = await exchange.publicKey();
        const partners = await exchange.partners();
        return { self: { name: self.name, nameChosen: self.nameChosen, fingerprint: self.fingerprint, ageRecipient: self.ageRecipient, publicKeyText: self.text }, partners: partners.map((p) => ({ name: p.name, fingerprint: p.fingerprint, ...(p.ageRecipient ? { ageRecipient: p.ageRecipient } : {}) })) };
      }),
    'exchange:set-name': ({ name }) =>
      attempt(async () => {
        await exchange.renameIdentity(name);
        return { name: name.trim() };
      }),
    'exchange:import-key': (request) =>
      attempt(async () => {
        const p = await exchange.importPartner(request.text, request.name);
        return { name: p.name, fingerprint: p.fingerprint, ...(p.ageRecipient ? { ageRecipient: p.ageRecipient } : {}) };
      }),
    'exchange:preview': (request) => attempt(async () => exchange.preview(request.maxMarking, request.filter)),
    'exchange:export': (request) =>
      attempt(async () => {
        const refused = guardPath(request.path);
        if (refused) throw new StoreError('FORBIDDEN', refused);
        const weak = request.passphrase ? await weakPassphraseRefusal(request.passphrase, 'exchange', { allowed: request.allowWeakPassphrase === true }) : null;
        if (weak) throw new StoreError('VALIDATION', weak);
        // Streamed, whole or not at all, and never over an existing file. A failed or cancelled
        // export spends its file number harmlessly: receivers only compare numbers.
        const result = await tracked('export', (signal, onProgress) =>
          exchange.exportCasefile({
            out: request.path,
            maxMarking: request.maxMarking,
            ...(request.filter ? { filter: request.filter } : {}),
            recipients: request.recipients,
            ...(request.passphrase ? { passphrase: request.passphrase } : {}),
            includeSelf: request.includeSelf ?? false,
            signal,
            onProgress,
          }),
        );
        return { path: result.path, size: result.size, sequence: result.sequence, counts: result.preview.counts, attachments: result.preview.attachments, leftOut: result.preview.leftOut.length };
      }),
    'exchange:export-stix': (request) =>
      attempt(async () => {
        const refused = guardPath(request.path);
        if (refused) throw new StoreError('FORBIDDEN', refused);
        const written = await exchange.exportStix({ out: request.path, maxMarking: request.maxMarking, ...(request.filter ? { filter: request.filter } : {}) });
        return { path: written.path, objects: written.objects, counts: written.counts, leftOut: written.leftOut.length };
      }),
    'exchange:cancel': async () => {
      for (const controller of running) controller.abort();
      return ok({});
    },
    'exchange:pick-file': () =>
      attempt(async () => {
        const path = ctx.host.pickFile ? await ctx.host.pickFile([{ name: 'Case files', extensions: ['casefile'] }, { name: 'All files', extensions: ['*'] }]) : null;
        if (path) ctx.grantedPaths.add(path);
        return { path };
      }),
    'exchange:pick-save-path': ({ suggestedName, format }) =>
      attempt(async () => {
        const filter = format === 'stix' ? { name: 'STIX 2.1 bundles', extensions: ['json'] } : { name: 'Case files', extensions: ['casefile'] };
        const path = ctx.host.chooseSavePath ? await ctx.host.chooseSavePath(suggestedName, [filter]) : null;
        if (path) ctx.grantedPaths.add(path);
        return { path };
      }),
    'exchange:open': (request) =>
      attempt(async () => {
        const refused = guardPath(request.path);
        if (refused) throw new StoreError('FORBIDDEN', refused);
        const { opened, plan } = await tracked('open', (signal, onProgress) => exchange.open(request.path, { name: basename(request.path), ...(request.passphrase ? { passphrase: request.passphrase } : {}), signal, onProgress }));
        const token = randomUUID();
        pending.clear();
        pending.set(token, { opened, plan });
        return reviewOf(token, opened, plan);
      }),
    'exchange:review-page': (request) =>
      attempt(async () => {
        const entry = pending.get(request.token);
        if (!entry) throw new StoreError('CONFLICT', 'That received file is no longer open; open it again.');
        return reviewPage(entry.plan, request.list, request.offset, request.limit ?? REVIEW_PAGE);
      }),
    'exchange:merge': (request) =>
      attempt(async () => {
        const entry = pending.get(request.token);
        if (!entry) throw new StoreError('CONFLICT', 'That received file is no longer open; open it again.');
        // A review belongs to the case it was made in: refused there (another case, a re-open), it is dropped.
        // Only choices the plan offers (the window pages through conflicts; one it never changed keeps ours).
        const offered = new Map(entry.plan.conflicts.map((c) => [c.key, c.options as readonly string[]]));
        const resolutions = Object.fromEntries(Object.entries(request.resolutions).filter(([key, choice]) => offered.get(key)?.includes(choice)));
        const merging = tracked('merge', (signal, onProgress) => exchange.merge(entry.opened, entry.plan, resolutions, { signal, onProgress }));
        const outcome = await merging.catch((error: unknown) => {
          if (error instanceof StoreError && error.code === 'CONFLICT') pending.delete(request.token);
          throw error;
        });
        if (outcome.stale) {
          pending.set(request.token, { opened: entry.opened, plan: outcome.stale.plan });
          return { seq: null, summary: outcome.summary, skipped: [], replanned: { differences: atMostAPage(outcome.stale.differences), review: reviewOf(request.token, entry.opened, outcome.stale.plan) } };
        }
        pending.delete(request.token);
        return { seq: outcome.seq, summary: outcome.summary, skipped: atMostAPage(outcome.skipped) };
      }),
  };
}

/** What the analyst reviews: the signer, warnings, the plan's totals and the first page of each list. */
function reviewOf(token: string, opened: OpenedCasefile, plan: MergePlan): ResponseOf<'exchange:open'> {
  return {
    token,
    signer: opened.signer,
    caseName: opened.manifest.case.name,
    sequence: opened.manifest.sequence,
    createdAt: opened.manifest.createdAt,
    warnings: opened.warnings,
    totals: { added: plan.added.length, changed: plan.changed.length, deleted: plan.deleted.length, conflicts: plan.conflicts.length },
    added: reviewPage(plan, 'added', 0, REVIEW_PAGE).added ?? [],
    changed: reviewPage(plan, 'changed', 0, REVIEW_PAGE).changed ?? [],
    deleted: reviewPage(plan, 'deleted', 0, REVIEW_PAGE).deleted ?? [],
    conflicts: reviewPage(plan, 'conflicts', 0, REVIEW_PAGE).conflicts ?? [],
    unchanged: plan.unchanged,
    oursNewer: plan.oursNewer,
    notes: notesPage(plan.notes),
  };
}

/** The first REVIEW_PAGE notes, each cut to a bounded size, and one that says how many more there are. */
function notesPage(notes: MergePlan['notes']): ResponseOf<'exchange:open'>['notes'] {
  const page: ResponseOf<'exchange:open'>['notes'] = notes.slice(0, REVIEW_PAGE).map((n) => ({ collection: n.collection, id: n.id, label: cut(n.label, LABEL_CHARS), note: cut(n.note, SIDE_CHARS) }));
  if (notes.length > REVIEW_PAGE) page.push({ collection: '', id: '', label: 'More', note: `… and ${notes.length - REVIEW_PAGE} more` });
  return page;
}

/** Longest label, and side of a conflict, a review carries (the panel shows less): entries stay small whatever a record holds. */
const LABEL_CHARS = 300;
const SIDE_CHARS = 2_000;

/** One page of a review's list: `limit` entries from `offset`, each cut to a bounded size. */
function reviewPage(plan: MergePlan, list: ReviewList, offset: number, limit: number): ResponseOf<'exchange:review-page'> {
  const take = <T>(items: readonly T[]) => items.slice(offset, offset + Math.min(limit, REVIEW_PAGE));
  const label = (text: string) => cut(text, LABEL_CHARS);
  switch (list) {
    case 'added':
      return { total: plan.added.length, added: take(plan.added).map((a) => ({ collection: a.collection, id: a.record.id, label: label('title' in a.record ? a.record.title : 'name' in a.record ? a.record.name : a.record.id) })) };
    case 'changed':
      return { total: plan.changed.length, changed: take(plan.changed).map((c) => ({ collection: c.collection, id: c.id, label: label(c.label), fields: c.fields.slice(0, REVIEW_FIELDS) })) };
    case 'deleted':
      return { total: plan.deleted.length, deleted: take(plan.deleted).map((d) => ({ collection: d.collection, id: d.id, label: label(d.label) })) };
    case 'conflicts':
      return {
        total: plan.conflicts.length,
        conflicts: take(plan.conflicts).map((c) => {
          const { ours, theirs } = sides(c);
          return { key: c.key, kind: c.kind, collection: c.collection, id: c.id, label: label(c.label), ...(c.kind === 'field' ? { field: c.field } : {}), ours: cut(ours, SIDE_CHARS), theirs: cut(theirs, SIDE_CHARS), options: c.options };
        }),
      };
  }
}

/** The first REVIEW_PAGE lines, and one that says how many more there are. */
function atMostAPage(lines: readonly string[]): string[] {
  return lines.length <= REVIEW_PAGE ? [...lines] : [...lines.slice(0, REVIEW_PAGE).map((l) => cut(l, SIDE_CHARS)), `… and ${lines.length - REVIEW_PAGE} more`];
}

function cut(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`;
}

function sides(c: Conflict): { ours: string; theirs: string } {
  switch (c.kind) {
    case 'field':
      return { ours: canonicalJson(c.ours), theirs: canonicalJson(c.theirs) };
    case 'delete-vs-edit':
      return { ours: c.neededBy?.length ? `(deleted here) and leave out their ${namesOf(c.neededBy)}, which need it` : '(deleted here)', theirs: canonicalJson(c.record) };
    case 'needed-by-theirs':
      return {
        ours: `Leave “${c.label}” deleted here, and leave out their ${namesOf(c.neededBy)}, which need it`,
        theirs: `Restore “${c.label}” from their copy: ${canonicalJson(c.record)}`,
      };
    case 'edit-vs-delete':
      return { ours: canonicalJson(c.record), theirs: '(deleted by them)' };
    case 'still-referenced': {
      const named = namesOf(c.referrers);
      return {
        ours: `Keep “${c.label}”: ${c.referrers.length} of our records still name it (${named})`,
        theirs: c.survivor ? `They merged it into “${c.survivor.label}”: point our records at “${c.survivor.label}” and delete “${c.label}”` : '(deleted by them; it cannot go while our records name it)',
      };
    }
  }
}

/** “A”, “B” and 3 more — for a list of records in a conflict's text. */
function namesOf(records: ReadonlyArray<{ label: string }>): string {
  return records.slice(0, 5).map((r) => `“${r.label}”`).join(', ') + (records.length > 5 ? ` and ${records.length - 5} more` : '');
}

function userName(): string {
  try {
    return userInfo().username || 'analyst';
  } catch {
    return 'analyst';
  }
}

/** Progress at most ten pushes a second; a change of phase and the end always go out. */
function throttled<P extends { phase: string; done: number; total: number }>(emit: (p: P) => void): (p: P) => void {
  let last = 0;
  let phase = '';
  return (p) => {
    const now = Date.now();
    if (p.phase === phase && now - last < 100 && p.done < p.total) return;
    last = now;
    phase = p.phase;
    emit(p);
  };
}
