import type { Change } from '../../domain/audit';
import { newId } from '../../domain/ids';
import type { Marking } from '../../domain/marking';
import { emptyBody, WrittenReport, type BodyNode, type CitationStyle } from '../../domain/written-report';
import { canonicalJson } from '../../exchange/canonical';

/**
 * Pure edits of written reports: each returns the changes of one journaled step and its summary,
 * or throws a ReportEditError whose message says what happened and what to do. Main commits
 * them (services/written-report-service.ts) as case edits, so they are undoable and audited.
 */
export class ReportEditError extends Error {
  constructor(
    readonly code: 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT',
    message: string,
  ) {
    super(message);
  }
}

export interface ReportStep {
  summary: string;
  changes: Change[];
}

/** The fields an edit may change; status, issue time and lineage change only by issuing and branching. */
export interface ReportPatch {
  title?: string;
  subtitle?: string | null;
  authors?: string[];
  date?: string;
  marking?: Marking;
  citationStyle?: CitationStyle;
  body?: BodyNode;
}

export interface NewReport {
  title: string;
  subtitle?: string;
  authors?: string[];
  date: string;
  marking: Marking;
  citationStyle?: CitationStyle;
}

const quote = (text: string) => `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;

function checked(report: WrittenReport): WrittenReport {
  const parsed = WrittenReport.safeParse(report);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ReportEditError('VALIDATION', `The report was not saved: ${issue ? `${issue.path.join('.') || 'report'}: ${issue.message}` : 'it is not valid'}. Correct it and try again.`);
  }
  return parsed.data;
}

function put(before: WrittenReport | null, after: WrittenReport): Change {
  return { op: 'put', collection: 'reports', id: after.id, before, after } as Change;
}

export function frozenMessage(report: WrittenReport): string {
  return `${quote(report.title)} was issued on ${(report.issuedAt ?? '').slice(0, 10)} and is frozen; nothing was saved. Use “New draft from this” to write a new version.`;
}

export function createReportStep(fields: NewReport, id: string = newId('report')): ReportStep {
  const report = checked({
    id,
    title: fields.title,
    ...(fields.subtitle ? { subtitle: fields.subtitle } : {}),
    authors: fields.authors ?? [],
    date: fields.date,
    marking: fields.marking,
    status: 'draft',
    citationStyle: fields.citationStyle ?? 'chicago-fullnote-bibliography',
    body: emptyBody(),
  });
  return { summary: `Added written report ${quote(report.title)}`, changes: [put(null, report)] };
}

/** The report with the patch applied, or null when the patch changes nothing. */
export function patched(before: WrittenReport, patch: ReportPatch): WrittenReport | null {
  const { subtitle, ...rest } = patch;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const next: WrittenReport = { ...before, ...defined };
  if (subtitle === null || subtitle === '') delete next.subtitle;
  else if (subtitle !== undefined) next.subtitle = subtitle;
  return canonicalJson(next) === canonicalJson(before) ? null : next;
}

/** Edits a draft. Issued reports are frozen. Returns null when nothing would change. */
export function updateReportStep(before: WrittenReport | undefined, id: string, patch: ReportPatch): ReportStep | null {
  if (!before) throw new ReportEditError('NOT_FOUND', `No written report with id ${id}; it may have been deleted or undone. Nothing was saved.`);
  if (before.status === 'issued') throw new ReportEditError('CONFLICT', frozenMessage(before));
  const next = patched(before, patch);
  if (!next) return null;
  const after = checked(next);
  const onlyText = Object.keys(patch).every((k) => k === 'body');
  return { summary: `${onlyText ? 'Wrote in' : 'Edited'} written report ${quote(after.title)}`, changes: [put(before, after)] };
}

/** Issues a draft: it is frozen from now on. */
export function issueReportStep(before: WrittenReport | undefined, id: string, at: string): ReportStep {
  if (!before) throw new ReportEditError('NOT_FOUND', `No written report with id ${id}; it may have been deleted or undone. Nothing was issued.`);
  if (before.status === 'issued') throw new ReportEditError('CONFLICT', `${quote(before.title)} was already issued on ${(before.issuedAt ?? '').slice(0, 10)}.`);
  const after = checked({ ...before, status: 'issued', issuedAt: at });
  return { summary: `Issued written report ${quote(after.title)}`, changes: [put(before, after)] };
}

/** "New draft from this": a draft copy of a report (issued or not) that remembers where it came from. */
export function branchReportStep(from: WrittenReport | undefined, id: string, today: string, newReportId: string = newId('report')): ReportStep {
  if (!from) throw new ReportEditError('NOT_FOUND', `No written report with id ${id}; it may have been deleted or undone. No draft was made.`);
  const { issuedAt: _issued, ...rest } = from;
  const draft = checked({ ...rest, id: newReportId, status: 'draft', branchedFrom: from.id, date: today, body: structuredClone(from.body) });
  return { summary: `New draft of written report ${quote(draft.title)}`, changes: [put(null, draft)] };
}

/** Deletes a draft. An issued report is the record of what was sent, so it stays. */
export function deleteReportStep(before: WrittenReport | undefined, id: string): ReportStep {
  if (!before) throw new ReportEditError('NOT_FOUND', `No written report with id ${id}; it may have been deleted already.`);
  if (before.status === 'issued') throw new ReportEditError('CONFLICT', `${quote(before.title)} was issued and is kept as the record of what was sent; nothing was deleted.`);
  return { summary: `Deleted written report ${quote(before.title)}`, changes: [{ op: 'delete', collection: 'reports', id: before.id, before } as Change] };
}
