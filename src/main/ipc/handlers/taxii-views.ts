import { canonicalJson } from '../../../shared/exchange';
import { TAXII_PAGE, type TaxiiList } from '../../../shared/ipc/channels/taxii';
import type { ResponseOf } from '../../../shared/ipc/contract';
import type { PullReview, PushedObject, PushReport } from '../../services/taxii/taxii-service';

/**
 * What the renderer sees of a pull review and a push report: bounded pages of each list. A
 * server's text (names, reasons) is cut to a bounded size, so a hostile server's huge names do
 * not grow an answer; `taxii:review-page` gives every entry, a page at a time.
 */

type Page = ResponseOf<'taxii:review-page'>;
type PushedView = NonNullable<Page['objects']>[number];

const LABEL_CHARS = 300;
const SIDE_CHARS = 2_000;

export function cut(text: string, chars = LABEL_CHARS): string {
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`;
}

const PULL_LISTS = new Set<TaxiiList>(['added', 'changed', 'conflicts', 'unmapped']);

/** Whether a list belongs to a pull review (else to a push report). */
export function isPullList(list: TaxiiList): boolean {
  return PULL_LISTS.has(list);
}

/** One page of a pull review's list. */
export function pullPage(review: PullReview, list: TaxiiList, offset: number, limit = TAXII_PAGE): Page {
  const plan = review.plan;
  const take = <T>(items: readonly T[]): T[] => items.slice(offset, offset + Math.min(limit, TAXII_PAGE));
  switch (list) {
    case 'added':
      return { total: plan.added.length, added: take(plan.added).map((a) => ({ collection: a.collection, id: a.record.id, label: cut('title' in a.record ? a.record.title : 'name' in a.record ? a.record.name : a.record.id) })) };
    case 'changed':
      return { total: plan.changed.length, changed: take(plan.changed).map((c) => ({ collection: c.collection, id: c.id, label: cut(c.label), fields: c.fields.slice(0, 50) })) };
    case 'conflicts':
      return {
        total: plan.conflicts.length,
        conflicts: take(plan.conflicts).map((c) => ({
          key: c.key,
          kind: c.kind,
          label: cut(c.label),
          ...(c.kind === 'field' ? { field: c.field, ours: cut(canonicalJson(c.ours), SIDE_CHARS), theirs: cut(canonicalJson(c.theirs), SIDE_CHARS) } : { ours: '', theirs: '' }),
          options: c.options,
        })),
      };
    case 'unmapped':
      return { total: review.unmapped.length, unmapped: take(review.unmapped).map((u) => ({ id: cut(u.id), type: cut(u.type, 100), reason: cut(u.reason, SIDE_CHARS) })) };
    default:
      return { total: 0 };
  }
}

/** One page of a push report's list: sent, failed, unknown or pending, each object by type and name. */
export function pushPage(report: PushReport, list: TaxiiList, offset: number, limit = TAXII_PAGE): Page {
  const items: ReadonlyArray<PushedObject & { message?: string }> = list === 'sent' ? report.sentObjects : list === 'failed' ? report.failed : list === 'unknown' ? report.unknown : list === 'pending' ? report.pending : [];
  return { total: items.length, objects: items.slice(offset, offset + Math.min(limit, TAXII_PAGE)).map(pushedView) };
}

function pushedView(o: PushedObject & { message?: string }): PushedView {
  return { id: cut(o.id), type: cut(o.type, 100), name: cut(o.name), ...(o.message !== undefined ? { message: cut(o.message, SIDE_CHARS) } : {}) };
}

/** The first page of every list of a pull review, and its totals. */
export function pullReviewView(token: string, review: PullReview): ResponseOf<'taxii:pull'> {
  const plan = review.plan;
  return {
    token,
    received: review.received,
    totals: { added: plan.added.length, changed: plan.changed.length, conflicts: plan.conflicts.length, unmapped: review.unmapped.length },
    added: pullPage(review, 'added', 0).added ?? [],
    changed: pullPage(review, 'changed', 0).changed ?? [],
    conflicts: pullPage(review, 'conflicts', 0).conflicts ?? [],
    unmapped: pullPage(review, 'unmapped', 0).unmapped ?? [],
    unchanged: plan.unchanged,
    oursNewer: plan.oursNewer,
  };
}

/** A push report: counts, the first page of each list, and the token that pages the rest. */
export function pushReportView(token: string, r: PushReport): ResponseOf<'taxii:push'> {
  const first = (list: TaxiiList): PushedView[] => pushPage(r, list, 0).objects ?? [];
  return {
    token,
    sent: r.sent,
    sentObjects: first('sent'),
    skipped: r.skipped,
    failedTotal: r.failed.length,
    failed: first('failed'),
    unknownTotal: r.unknown.length,
    unknown: first('unknown'),
    pendingTotal: r.pending.length,
    pending: first('pending'),
    leftOut: r.leftOut.length,
    ...(r.error ? { error: r.error.message } : {}),
  };
}

/** The last few entries by token: another window's review stays open while this one pulls. */
export class RecentByToken<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly keep: number) {}
  set(token: string, value: T): void {
    this.entries.set(token, value);
    while (this.entries.size > this.keep) this.entries.delete(this.entries.keys().next().value as string);
  }
  get(token: string): T | undefined {
    return this.entries.get(token);
  }
  delete(token: string): void {
    this.entries.delete(token);
  }
}
