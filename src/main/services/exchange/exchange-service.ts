import { receivedRows, type ReceivedRecords } from '../../../shared/ach/received';
import { attachmentId, StoredAttachment } from '../../../shared/domain/attachment';
import type { Attachment, Source } from '../../../shared/domain/source';
import type { Change } from '../../../shared/domain/audit';
import type { AnyRecord } from '../../../shared/domain/collections';
import type { CaseDocument } from '../../../shared/domain/case';
import type { EventFilter } from '../../../shared/domain/filters';
import type { Marking } from '../../../shared/domain/marking';
import { caseStixExport, EXCHANGED, planDifferences, planMerge, provenanceTag, resolveMerge, type MergePlan, type Resolution } from '../../../shared/exchange';
import type { CaseStore } from '../../store/case-store';
import type { CaseService } from '../case-service';
import { writeOutputFile } from '../output-file';
import { StoreError } from '../../store/store-error';
import type { BlobBatch, BlobStore } from '../../store/blobs';
import { readCasefile, type CasefileInput, type OpenedCasefile, type ReceiveFile } from './casefile-read';
import { previewExport, writeCasefile, type ExportPreview } from './casefile-write';
import { newVersionHasher } from './hashing';
import { fingerprint, parsePublicKeyText, publicKeyText, type PartnerKey } from './identity';
import { Keyring } from './keyring';

/** How far an export or an open has got: records serialised, bytes written or read. */
export interface ExchangeProgress {
  phase: 'records' | 'writing' | 'reading' | 'keeping' | 'planning' | 'applying';
  done: number;
  total: number;
}

export interface ExportOptions {
  /** Where to write the `.casefile`, whole or not at all. */
  out: string;
  /** Replace a file already there (the CLI's --out); otherwise refuse with ALREADY_EXISTS. */
  overwrite?: boolean;
  maxMarking: Marking;
  filter?: EventFilter;
  /** age1… keys, or names of imported partners. */
  recipients: readonly string[];
  passphrase?: string;
  /** Also encrypt to our own key, so we can open what we sent. */
  includeSelf?: boolean;
  /** Cancels (CANCELLED): nothing is left at `out` or beside it. */
  signal?: AbortSignal;
  onProgress?: (progress: ExchangeProgress) => void;
}

export interface OpenOptions {
  /** age identities (AGE-SECRET-KEY-1…); without any, our own key is used. */
  identities?: readonly string[];
  passphrase?: string;
  /**
   * Keep the files it carries in the case's blob store as they stream (default), ready for the
   * merge; false only checks them (verify, a dry run). Files of a merge never applied are swept
   * at the next open of the case.
   */
  keepFiles?: boolean;
  /** Cancels (CANCELLED): nothing is merged, and no file being received is kept. */
  signal?: AbortSignal;
  onProgress?: (progress: ExchangeProgress) => void;
  /** The file's name, for messages. */
  name?: string;
}

export interface MergeOutcome {
  /** The merge's audit entry; null for a dry run or when nothing was applied. */
  seq: number | null;
  summary: string;
  counts: { added: number; changed: number; deleted: number; conflictsResolved: number };
  skipped: string[];
  /**
   * Set when the case changed since the review in a way that changes the merge: nothing was
   * applied; this is the plan made against the case as it is now, and what differs, to review again.
   */
  stale?: { plan: MergePlan; differences: string[] };
}

export interface MergeOptions {
  /** Work out and check everything the merge would write, and write nothing. */
  dryRun?: boolean;
  /** Cancels (CANCELLED) until the merge's one journal commit: the case is then exactly as it was. */
  signal?: AbortSignal;
  /** 'keeping': checking the received files are kept (files); 'applying': the merge's changes (records). */
  onProgress?: (progress: ExchangeProgress) => void;
}

/** A merge that was cancelled before its commit. */
export function mergeCancelled(): StoreError {
  return new StoreError('CANCELLED', 'The merge was cancelled before anything was written; the case is exactly as it was.');
}

/** The case state a plan was made against: the case, its open generation, and its last history entry. */
interface PlanBasis {
  caseId: string;
  generation: number;
  seq: number;
}

/** The seq of the case's last history entry: where the case stands. */
function lastSeq(doc: CaseDocument): number {
  return doc.history.at(-1)?.seq ?? 0;
}

/** Keys, export, open and merge of case files for the open case. One per CaseService. */
export class ExchangeService {
  /** One hasher for the service's life: records are replaced, never mutated, so a hash per object stays true. */
  private readonly versionOf = newVersionHasher();
  /** Which case state each plan this service made was made against; a plan applies only there. */
  private readonly bases = new WeakMap<MergePlan, PlanBasis>();

  constructor(
    private readonly cases: CaseService,
    private readonly userName: string,
  ) {}

  /**
   * The open case's keys, read from disk each time (a small file): nothing is cached across a
   * close, so keys another process (the CLI) changed meanwhile are never overwritten by a stale copy.
   */
  async keyring(): Promise<Keyring> {
    const doc = this.cases.document;
    const path = this.cases.path;
    const dataKey = this.cases.dataKey();
    if (!doc || !path || !dataKey) throw new StoreError('NO_CASE_OPEN', 'No case is open. Open the case whose keys you want first.');
    return Keyring.open(path, dataKey, doc.id, this.userName);
  }

  async publicKey(): Promise<{ text: string; fingerprint: string; ageRecipient: string; name: string; nameChosen: boolean }> {
    const keyring = await this.keyring();
    const { identity } = keyring;
    return { text: publicKeyText(identity), fingerprint: fingerprint(identity.signingKey), ageRecipient: identity.ageRecipient, name: identity.name, nameChosen: keyring.nameChosen };
  }

  /** Names the identity (case files and the public key carry the name); the keys stay. */
  async renameIdentity(name: string): Promise<void> {
    await (await this.keyring()).rename(name);
  }

  async importPartner(text: string, name?: string): Promise<PartnerKey & { fingerprint: string }> {
    const partner = parsePublicKeyText(text);
    const named = name ? { ...partner, name } : partner;
    await (await this.keyring()).addPartner(named);
    return { ...named, fingerprint: fingerprint(named.signingKey) };
  }

  async partners(): Promise<Array<PartnerKey & { fingerprint: string }>> {
    return (await this.keyring()).partners.map((p) => ({ ...p, fingerprint: fingerprint(p.signingKey) }));
  }

  preview(maxMarking: Marking, filter?: EventFilter): ExportPreview {
    return previewExport(this.doc(), maxMarking, filter);
  }

  /**
   * Writes the open case as a STIX 2.1 bundle (plain JSON, unsigned, for a platform's import), cut
   * at `maxMarking` and the selection exactly as a `.casefile` is: the same left-out list. Whole or
   * not at all, never over an existing file or a case.
   */
  async exportStix(options: { out: string; maxMarking: Marking; filter?: EventFilter; overwrite?: boolean; signal?: AbortSignal }): Promise<{ path: string; objects: number; counts: Record<string, number>; leftOut: ExportPreview['leftOut'] }> {
    const { bundle, selection } = caseStixExport(this.doc(), options.maxMarking, options.filter);
    await writeOutputFile(options.out, `${JSON.stringify(bundle, null, 2)}\n`, { overwrite: options.overwrite ?? false, ...(options.signal ? { signal: options.signal } : {}) });
    const counts = Object.fromEntries(Object.entries(selection.records).map(([k, v]) => [k, v.length]));
    return { path: options.out, objects: bundle.objects.length, counts, leftOut: selection.leftOut };
  }

  /** Writes a signed, encrypted `.casefile` of the open case to `options.out` (streamed, whole or not at all). */
  async exportCasefile(options: ExportOptions): Promise<{ path: string; size: number; preview: ExportPreview; sequence: number }> {
    const keyring = await this.keyring();
    const recipients = options.recipients.map((r) => {
      if (r.startsWith('age1')) return r;
      const partner = keyring.partners.find((p) => p.name === r);
      if (!partner?.ageRecipient) throw new StoreError('VALIDATION', `No partner named “${r}” with an age key; import their public key first (casefile keys import).`);
      return partner.ageRecipient;
    });
    if (options.includeSelf && options.passphrase === undefined) recipients.push(keyring.identity.ageRecipient);
    // A failed or cancelled export spends its file number harmlessly: receivers only compare numbers.
    const sequence = await keyring.nextSequence();
    const written = await writeCasefile({
      doc: this.doc(),
      files: this.cases.blobs,
      identity: keyring.identity,
      sequence,
      versionOf: this.versionOf,
      maxMarking: options.maxMarking,
      ...(options.filter ? { filter: options.filter } : {}),
      to: { recipients: [...new Set(recipients)], ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}) },
      out: options.out,
      overwrite: options.overwrite ?? false,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return { path: options.out, size: written.size, preview: written.preview, sequence };
  }

  /**
   * Decrypts and verifies a received file (a path, read as a stream, or its bytes) and plans the
   * merge. Its files go into the case's blob store as they stream (unless `keepFiles` is false),
   * each checked against the signed manifest; the case's records are not touched.
   */
  async open(file: CasefileInput, options: OpenOptions = {}): Promise<{ opened: OpenedCasefile; plan: MergePlan }> {
    const keyring = await this.keyring();
    const identities = options.identities && options.identities.length > 0 ? options.identities : options.passphrase !== undefined ? [] : [keyring.identity.ageIdentity];
    const doc = this.doc();
    const generation = this.cases.generation;
    const held = new Map<string, AnyRecord>();
    for (const collection of EXCHANGED) for (const record of doc[collection]) held.set(`${collection}/${record.id}`, record);
    const alreadyHeld = (collection: string, id: string, stated: string | undefined): boolean => {
      const mine = stated ? held.get(`${collection}/${id}`) : undefined;
      return mine !== undefined && this.versionOf(mine) === stated;
    };
    // The files are kept as one batch, made durable together once the whole file has been checked.
    const batch = options.keepFiles === false ? null : (this.cases.blobs?.batch() ?? null);
    const ours = new Set(doc.sources.flatMap((s) => (s.attachment ? [s.attachment.sha256] : [])));
    const opened = await readCasefile(
      file,
      { identities, ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}) },
      { ownSigningKey: keyring.identity.signingKey, partners: keyring.partners, history: doc.history, alreadyHeld },
      {
        ...(options.name !== undefined ? { name: options.name } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onProgress: (done: number, total: number) => options.onProgress?.({ phase: 'reading', done, total }) } : {}),
        ...(batch && this.cases.blobs ? { receiveFile: keepInto(this.cases.blobs, batch, ours, options.signal) } : {}),
      },
    )
      .then(async (read) => {
        // Durable before any merge can commit a record naming one of them.
        options.onProgress?.({ phase: 'keeping', done: 0, total: read.attachments.size });
        await batch?.commit(options.signal);
        return read;
      })
      .catch(async (error: unknown) => {
        await batch?.discard();
        // Whichever step the cancel stopped (decrypting, checking, keeping a file), say what it means for the case.
        if (options.signal?.aborted || (error instanceof StoreError && error.code === 'CANCELLED')) throw openCancelled(options.name);
        throw error;
      });
    if (this.cases.generation !== generation) throw new StoreError('CONFLICT', 'The case was closed or switched while the file was being opened; open the file again in the case you want to merge it into.');
    options.onProgress?.({ phase: 'planning', done: 0, total: 1 });
    return { opened, plan: this.plan(this.doc(), opened) };
  }

  /** Plans the merge of an opened file against the case as it is now, and remembers where. */
  private plan(doc: CaseDocument, opened: OpenedCasefile): MergePlan {
    const plan = planMerge(doc, opened.payload, this.versionOf, { cut: opened.manifest.scope.maxMarking, author: opened.signer.fingerprint, authorName: opened.signer.name });
    this.bases.set(plan, { caseId: doc.id, generation: this.cases.generation, seq: lastSeq(doc) });
    return plan;
  }

  /**
   * Applies a reviewed plan as ONE audit entry ('merge'), so one undo takes it all back. The plan
   * applies only to the case (and open generation) it was made against. When the case has changed
   * since, the file is planned again: applied if that changes nothing of the review (the records'
   * `before` are then today's, so undo restores today's state), else nothing is applied and the
   * new plan comes back with what differs. A dry run goes through the very same steps and checks.
   */
  async merge(opened: OpenedCasefile, plan: MergePlan, resolutions: Readonly<Record<string, Resolution>>, options: MergeOptions = {}): Promise<MergeOutcome> {
    const from = `${opened.signer.name} (${opened.signer.fingerprint.slice(0, 9)})`;
    const basis = this.bases.get(plan);
    let outcome: MergeOutcome | null = null;
    let stale: MergeOutcome['stale'];
    // Their files went into our blob store as the file was opened (one blob per SHA-256, so a
    // repeat costs nothing); the records naming them are committed with the merge. Files of a
    // merge that is refused are unreachable, and the next open sweeps them.
    const { signal, onProgress } = options;
    if (signal?.aborted) throw mergeCancelled();
    const arrived = options.dryRun ? new Set<string>() : await this.filesKept(opened, options);
    if (signal?.aborted) throw mergeCancelled();
    const build = (records: CaseStore['records']): { summary: string; changes: Change[] } => {
      const doc = this.doc();
      if (!basis || basis.caseId !== doc.id || basis.generation !== this.cases.generation) {
        throw new StoreError('CONFLICT', 'This file was reviewed in another case, or before this case was closed and opened again; open the file again in this case to review it. Nothing was merged.');
      }
      let current = plan;
      if (basis.seq !== lastSeq(doc)) {
        current = this.plan(doc, opened);
        const differences = planDifferences(plan, current);
        if (differences.length > 0) {
          stale = { plan: current, differences };
          throw new StoreError('CONFLICT', `The case changed since you reviewed this file, and that changes the merge: ${differences.join('; ')}. Review it again; nothing was merged.`);
        }
      }
      const resolved = resolveMerge(current, resolutions, from, (c, id) => records.has(c, id));
      // ACH rows that arrive are weighed on this case after the merge (a basis the file carries is never taken).
      const changes: Change[] = receivedRows(resolved.changes, (c, id) => records.get(c, id) as ReceivedRecords[typeof c] | undefined);
      // A received file becomes part of the case only through a source this merge writes that names
      // it (a source left out, or kept as ours, brings no file), and its record is checked like any.
      const named = new Map<string, Attachment>();
      // …or one of ours that already names it and stays (a file we lacked, say from a filtered export).
      const deleted = new Set(changes.filter((c) => c.op === 'delete' && c.collection === 'sources').map((c) => c.id));
      for (const source of doc.sources) if (source.attachment && !deleted.has(source.id)) named.set(source.attachment.sha256, source.attachment);
      for (const change of changes) {
        if (change.op !== 'put' || change.collection !== 'sources') continue;
        const attachment = (change.after as Source).attachment;
        if (attachment) named.set(attachment.sha256, attachment);
      }
      for (const [sha256, file] of opened.attachments) {
        const id = attachmentId(sha256);
        const attachment = named.get(sha256);
        if (records.has('attachments', id) || !attachment || (!arrived.has(sha256) && !options.dryRun)) continue;
        const record = StoredAttachment.safeParse({ id, name: attachment.name, mediaType: attachment.mediaType, size: file.size, sha256 });
        if (!record.success) {
          resolved.skipped.push(`attachments/${id}: the file's record is not valid (${record.error.issues[0]?.message ?? 'invalid'}); the file was not kept`);
          continue;
        }
        changes.unshift({ op: 'put', collection: 'attachments', id, before: null, after: record.data } as Change);
      }
      const c = resolved.counts;
      const summary = `Merged “${opened.manifest.case.name}” from ${from}: ${c.added} new, ${c.changed} changed, ${c.deleted} deleted ${provenanceTag(opened.signer.fingerprint, opened.manifest.sequence, opened.fileSha256)}`;
      outcome = { seq: null, summary, counts: c, skipped: resolved.skipped };
      // The last moment a cancel can take: nothing has been written yet.
      if (signal?.aborted) throw mergeCancelled();
      onProgress?.({ phase: 'applying', done: 0, total: changes.length });
      return { summary, changes };
    };
    const result = options.dryRun ? this.cases.checkBatch(build) : await this.cases.commitBatch('merge', build);
    if (result.ok) onProgress?.({ phase: 'applying', done: 1, total: 1 });
    const staleNow = stale as MergeOutcome['stale'];
    if (staleNow && !result.ok) return { seq: null, summary: result.error.message, counts: { added: 0, changed: 0, deleted: 0, conflictsResolved: 0 }, skipped: [], stale: staleNow };
    if (!result.ok) throw new StoreError(result.error.code, result.error.message);
    const done = outcome as MergeOutcome | null;
    if (!done) throw new StoreError('INTERNAL', 'The merge finished without an outcome.');
    return { ...done, seq: 'seq' in result.value ? result.value.seq : null };
  }

  /** The received files our blob store holds now (kept when the file was opened, or held before). */
  private async filesKept(opened: OpenedCasefile, options: MergeOptions): Promise<Set<string>> {
    const blobs = this.cases.blobs;
    const kept = new Set<string>();
    if (!blobs) return kept;
    const total = opened.attachments.size;
    let done = 0;
    for (const sha256 of opened.attachments.keys()) {
      if (options.signal?.aborted) throw mergeCancelled();
      if (await blobs.has(sha256)) kept.add(sha256);
      options.onProgress?.({ phase: 'keeping', done: ++done, total });
    }
    return kept;
  }

  private doc(): CaseDocument {
    const doc = this.cases.document;
    if (!doc) throw new StoreError('NO_CASE_OPEN', 'No case is open. Open or create a case first.');
    return doc;
  }
}

/** An open that was cancelled: nothing of the file was merged or kept (its files' temp writes are removed). */
export function openCancelled(name: string | undefined): StoreError {
  return new StoreError('CANCELLED', `Opening ${name ?? 'the case file'} was cancelled. Nothing was merged or kept; the case is unchanged.`);
}

/**
 * Receives a file into `batch` as it streams: the body fails at its end when the bytes are not
 * the signed ones, so the batch never keeps them. Only files a source names (one of the file's
 * or one of ours) are kept: a merge takes no other, so the rest are only checked. Content held
 * already is only checked.
 */
function keepInto(blobs: BlobStore, batch: BlobBatch, ours: ReadonlySet<string>, signal: AbortSignal | undefined): ReceiveFile {
  return async (file, body, payload) => {
    const named = ours.has(file.sha256) || payload.records.sources.some((s) => s.attachment?.sha256 === file.sha256);
    if (!named || batch.has(file.sha256) || (await blobs.has(file.sha256))) return; // read through and checked by the reader
    const added = await batch.add(body, { maxBytes: file.size, ...(signal ? { signal } : {}) });
    if (added.sha256 !== file.sha256) throw new StoreError('INTERNAL', `A received file was kept as ${added.sha256.slice(0, 12)}… instead of ${file.sha256.slice(0, 12)}….`);
  };
}
