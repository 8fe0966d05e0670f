import type { AuditEntry, Change } from '../../shared/domain/audit';
import { StoreError } from './store-error';

/**
 * A case document as a sequence of bounded JSON texts (the plaintexts of a snapshot's segments),
 * and back. No text, and no Buffer, grows with the case: a segment holds about `budget` bytes of
 * records, or one record when a record alone is bigger.
 *
 *   {"t":"meta","v":{…every field that is not a list…},"lists":["events",…]}
 *   {"t":"rows","c":"events","r":[…records…]}
 *   {"t":"history","r":[…audit entries…],"open":true?}   open: the last entry goes on in
 *   {"t":"changes","r":[…changes…]}                       the following "changes" segments
 *
 * A put whose `after` is the very record the case holds now is written as "$cur" and re-linked
 * on reading: an import's history entry then costs no second copy of what it imported, on disk
 * or in memory.
 */
export const SEGMENT_PLAIN_BYTES = 1024 * 1024;
const CURRENT = '$cur';

type Doc = Record<string, unknown>;
type Current = (collection: string, id: string) => unknown;

class SegmentText {
  private pieces: string[] = [];
  private bytes = 0;

  constructor(private readonly budget: number) {}

  push(text: string): void {
    this.pieces.push(text);
    // UTF-16 length: a cheap bound that errs towards smaller segments for non-Latin text.
    this.bytes += text.length;
  }

  get full(): boolean {
    return this.bytes >= this.budget;
  }

  get empty(): boolean {
    return this.pieces.length === 0;
  }

  take(): Buffer {
    const out = Buffer.from(this.pieces.join(''), 'utf8');
    this.pieces = [];
    this.bytes = 0;
    return out;
  }
}

/**
 * The plaintexts of a document's segments, in order, a segment at a time. With `only`, the case
 * header and just the named lists (and the history if named): the pieces a migration rewrites.
 */
export async function* documentSegments(doc: object, current: Current, budget = SEGMENT_PLAIN_BYTES, only?: ReadonlySet<string>): AsyncGenerator<Buffer> {
  const fields = Object.entries(doc as Doc).filter(([, v]) => v !== undefined && typeof v !== 'function');
  const scalars = Object.fromEntries(fields.filter(([k, v]) => !Array.isArray(v) && k !== 'history'));
  const lists = fields.filter(([k, v]) => Array.isArray(v) && k !== 'history').map(([k]) => k);
  yield Buffer.from(JSON.stringify({ t: 'meta', v: scalars, lists }), 'utf8');
  const text = new SegmentText(budget);
  for (const name of lists) {
    if (only && !only.has(name)) continue;
    const records = (doc as Doc)[name] as unknown[];
    let first = true;
    for (let i = 0; i < records.length; i++) {
      if (first) text.push(`{"t":"rows","c":${JSON.stringify(name)},"r":[`);
      text.push(`${first ? '' : ','}${JSON.stringify(records[i]) ?? 'null'}`);
      first = false;
      if (text.full || i === records.length - 1) {
        text.push(']}');
        yield text.take();
        first = true;
        await breathe();
      }
    }
  }
  if (only && !only.has('history')) return;
  const history = ((doc as Doc)['history'] as AuditEntry[] | undefined) ?? [];
  yield* historySegments(history, current, text);
}

async function* historySegments(history: readonly AuditEntry[], current: Current, text: SegmentText): AsyncGenerator<Buffer> {
  let inHistory = false; // a "history" segment is open in `text`
  for (const entry of history) {
    const { changes, ...head } = entry;
    text.push(inHistory ? ',' : '{"t":"history","r":[');
    inHistory = true;
    const headJson = JSON.stringify(head);
    text.push(headJson === '{}' ? '{"changes":[' : `${headJson.slice(0, -1)},"changes":[`);
    let comma = false;
    let split = false;
    for (let i = 0; i < changes.length; i++) {
      text.push(`${comma ? ',' : ''}${changeText(changes[i] as Change, current)}`);
      comma = true;
      if (text.full && i < changes.length - 1) {
        // The entry goes on in "changes" segments.
        text.push(split ? ']}' : ']}],"open":true}');
        yield text.take();
        await breathe();
        text.push('{"t":"changes","r":[');
        split = true;
        comma = false;
      }
    }
    if (split) {
      text.push(']}');
      yield text.take();
      inHistory = false;
      await breathe();
      continue;
    }
    text.push(']}');
    if (text.full) {
      text.push(']}');
      yield text.take();
      inHistory = false;
      await breathe();
    }
  }
  if (inHistory) {
    text.push(']}');
    yield text.take();
  }
}

function changeText(change: Change, current: Current): string {
  if (change.op === 'put' && change.after !== null && current(change.collection, change.id) === change.after) {
    return JSON.stringify({ ...change, after: CURRENT });
  }
  return JSON.stringify(change);
}

/** Gives the event loop a turn between segments, so IPC stays responsive during a long save. */
function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Rebuilds a document from its segments' plaintexts, fed in order. `finish` links every "$cur"
 * back to the record the case holds, through the caller's look-up (built once the lists are whole).
 */
export class DocumentAssembler {
  private readonly doc: Doc = {};
  private readonly history: AuditEntry[] = [];
  private open: AuditEntry | null = null;
  private readonly refs: Change[] = [];
  private sawMeta = false;

  constructor(private readonly describe: (detail: string) => StoreError) {}

  /** Adds one segment; returns what it holds: 'meta', the name of a list, or 'history'. */
  add(plaintext: Buffer): string {
    let segment: { t?: unknown; v?: unknown; lists?: unknown; c?: unknown; r?: unknown; open?: unknown };
    try {
      segment = JSON.parse(plaintext.toString('utf8')) as typeof segment;
    } catch {
      throw this.describe('a segment decrypted but does not hold JSON');
    }
    if (!this.sawMeta && segment.t !== 'meta') throw this.describe('the first segment is not the case header');
    switch (segment.t) {
      case 'meta':
        if (this.sawMeta || typeof segment.v !== 'object' || segment.v === null || !Array.isArray(segment.lists)) throw this.describe('a second or malformed case header');
        Object.assign(this.doc, segment.v);
        for (const name of segment.lists) if (typeof name === 'string') this.doc[name] = [];
        this.doc['history'] = this.history;
        this.sawMeta = true;
        return 'meta';
      case 'rows': {
        const list = typeof segment.c === 'string' ? this.doc[segment.c] : undefined;
        if (!Array.isArray(list) || !Array.isArray(segment.r)) throw this.describe(`records of an unknown list (${String(segment.c)})`);
        for (const record of segment.r) list.push(record);
        this.open = null;
        return segment.c as string;
      }
      case 'history':
        if (!Array.isArray(segment.r)) throw this.describe('a malformed history segment');
        for (const entry of segment.r as AuditEntry[]) {
          this.history.push(entry);
          this.collectRefs(entry.changes);
        }
        this.open = segment.open === true ? (this.history.at(-1) ?? null) : null;
        return 'history';
      case 'changes':
        if (!this.open || !Array.isArray(segment.r)) throw this.describe('changes that continue no entry');
        for (const change of segment.r as Change[]) this.open.changes.push(change);
        this.collectRefs(segment.r as Change[]);
        return 'history';
      default:
        throw this.describe(`a segment of an unknown kind (${String(segment.t)})`);
    }
  }

  /** The document, with "$cur" linked through `current`; throws when a link finds nothing. */
  finish(current: Current): Doc {
    if (!this.sawMeta) throw this.describe('no case header');
    for (const change of this.refs) {
      const record = current(change.collection, change.id);
      if (record === undefined) throw this.describe(`the history names a current ${change.collection} record ${change.id} that is not in the case`);
      (change as { after: unknown }).after = record;
    }
    this.refs.length = 0;
    return this.doc;
  }

  /** The document as assembled so far, before links are made (for the caller's look-up). */
  get partial(): Doc {
    return this.doc;
  }

  private collectRefs(changes: readonly Change[]): void {
    for (const change of changes) if (change.op === 'put' && (change.after as unknown) === CURRENT) this.refs.push(change);
  }
}
