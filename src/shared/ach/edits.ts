import { citeKey, RATING_LABELS, type AchCell, type AchMatrix, type AchRow, type Rating } from '../domain/ach';
import type { Change } from '../domain/audit';
import { canonicalJson } from '../exchange/canonical';
import { basisOf } from './resolve';
import type { AchLookup } from './lookup';
import { recordNoun } from '../text/format';

/**
 * Pure edits of ACH records: each returns the changes of one journaled step and its summary, or
 * throws an AchEditError whose message says what to do. The main process commits them
 * (services/ach-service.ts); tests build partners' edits with them.
 */
export class AchEditError extends Error {
  constructor(
    readonly code: 'VALIDATION' | 'NOT_FOUND',
    message: string,
  ) {
    super(message);
  }
}

export interface AchStep {
  summary: string;
  changes: Change[];
}

const quote = (text: string) => `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;

function put(collection: 'matrices' | 'matrixRows', before: AchMatrix | AchRow | null, after: AchMatrix | AchRow): Change {
  return { op: 'put', collection, id: after.id, before, after } as Change;
}

/** Creates or edits a matrix. Ratings of hypotheses it no longer has leave its rows in the same step. */
export function putMatrixStep(before: AchMatrix | null, after: AchMatrix, rows: readonly AchRow[]): AchStep {
  if (!before) return { summary: `Added ACH matrix ${quote(after.title)}`, changes: [put('matrices', null, after)] };
  const kept = new Set(after.hypotheses.map((h) => h.id));
  const removed = before.hypotheses.filter((h) => !kept.has(h.id));
  const changes: Change[] = [put('matrices', before, after)];
  for (const row of rows) {
    if (row.matrixId !== after.id || !removed.some((h) => row.ratings[h.id])) continue;
    const ratings = { ...row.ratings };
    for (const h of removed) delete ratings[h.id];
    changes.push(put('matrixRows', row, { ...row, ratings }));
  }
  return { summary: matrixSummary(before, after, removed.map((h) => h.statement)), changes };
}

function matrixSummary(before: AchMatrix, after: AchMatrix, removed: string[]): string {
  const title = quote(after.title);
  const added = after.hypotheses.filter((h) => !before.hypotheses.some((b) => b.id === h.id));
  if (removed.length > 0) return `Removed hypothesis ${removed.map(quote).join(', ')} from ${title}`;
  if (added.length > 0) return `Added hypothesis ${added.map((h) => quote(h.statement)).join(', ')} to ${title}`;
  const order = (m: AchMatrix) => m.hypotheses.map((h) => h.id).join();
  if (order(before) !== order(after) && before.hypotheses.length === after.hypotheses.length && canonicalJson([...before.hypotheses].sort(byId)) === canonicalJson([...after.hypotheses].sort(byId))) {
    return `Reordered the hypotheses of ${title}`;
  }
  return `Edited ACH matrix ${title}`;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Deletes a matrix and every row of it, as one step. */
export function deleteMatrixStep(matrix: AchMatrix, rows: readonly AchRow[]): AchStep {
  const own = rows.filter((r) => r.matrixId === matrix.id);
  return {
    summary: `Deleted ACH matrix ${quote(matrix.title)} (${own.length} row${own.length === 1 ? '' : 's'})`,
    changes: [...own.map((r): Change => ({ op: 'delete', collection: 'matrixRows', id: r.id, before: r })), { op: 'delete', collection: 'matrices', id: matrix.id, before: matrix }],
  };
}

/**
 * Creates or edits a row's own fields. The ratings are those already stored (rated one by one),
 * or, for a new row, the ones given for hypotheses of its matrix. Cites it did not have must name
 * records of the case; the basis is taken again when the row is new or its cites change.
 */
export function putRowStep(before: AchRow | null, row: AchRow, matrix: AchMatrix | undefined, lookup: AchLookup): AchStep {
  if (!matrix) throw new AchEditError('NOT_FOUND', `No ACH matrix with id ${row.matrixId}; it may have been deleted. Nothing was saved.`);
  if (before && before.matrixId !== row.matrixId) throw new AchEditError('VALIDATION', 'A row cannot move to another matrix; add it there as a new row. Nothing was saved.');
  const had = new Set((before?.cites ?? []).map(citeKey));
  for (const cite of row.cites) {
    if (had.has(citeKey(cite))) continue;
    const record = lookup.get(cite.collection, cite.id);
    if (!record) throw new AchEditError('VALIDATION', `The cited ${recordNoun(cite.collection)} ${cite.id} is not in this case. Pick a record of the case; nothing was saved.`);
    if (cite.claimId && !lookup.get('events', cite.id)?.responsibility.some((c) => c.id === cite.claimId)) {
      throw new AchEditError('VALIDATION', `The event cited has no claim ${cite.claimId}. Pick one of its claims; nothing was saved.`);
    }
  }
  const hypotheses = new Set(matrix.hypotheses.map((h) => h.id));
  // Cells of hypotheses the matrix no longer has (left by older merges) are never shown nor
  // scored: the edit drops them (undoably), so the row it stores is within the schema's bound.
  const ratings = Object.fromEntries(Object.entries(before ? before.ratings : row.ratings).filter(([id]) => hypotheses.has(id)));
  const citesChanged = !before || canonicalJson(before.cites) !== canonicalJson(row.cites);
  const { basis: _sent, ...fields } = row;
  const basis = citesChanged ? basisOf(row, lookup) : before?.basis;
  const after: AchRow = { ...fields, ratings, ...(basis ? { basis } : {}) };
  const verb = before ? (before.position !== row.position && canonicalJson({ ...before, position: 0 }) === canonicalJson({ ...after, position: 0 }) ? 'Moved' : 'Edited') : 'Added';
  return { summary: `${verb} ${row.kind === 'assumption' ? 'assumption' : 'evidence'} ${quote(row.title)} in ${quote(matrix.title)}`, changes: [put('matrixRows', before, after)] };
}

export function deleteRowStep(row: AchRow): AchStep {
  return { summary: `Deleted ${row.kind === 'assumption' ? 'assumption' : 'evidence'} ${quote(row.title)}`, changes: [{ op: 'delete', collection: 'matrixRows', id: row.id, before: row }] };
}

function hypothesisLabel(matrix: AchMatrix, hypothesisId: string): string {
  const i = matrix.hypotheses.findIndex((h) => h.id === hypothesisId);
  if (i < 0) throw new AchEditError('NOT_FOUND', `The matrix has no hypothesis ${hypothesisId}; it may have been removed. Nothing was saved.`);
  return `H${i + 1}`;
}

/**
 * Rates a cell (`value` null clears it) and/or sets its note ('' removes it). A rating equal to
 * one another analyst gave settles that disagreement.
 */
export function setCellStep(row: AchRow, matrix: AchMatrix, hypothesisId: string, change: { value?: Rating | null; note?: string }, by: string): AchStep {
  const h = hypothesisLabel(matrix, hypothesisId);
  const ratings = { ...row.ratings };
  const current = ratings[hypothesisId];
  let summary: string;
  if (change.value === null) {
    if (!current) return { summary: 'Nothing to clear', changes: [] };
    delete ratings[hypothesisId];
    summary = `Cleared the rating of ${quote(row.title)} against ${h}`;
  } else {
    const value = change.value ?? current?.value;
    if (!value) throw new AchEditError('VALIDATION', 'Rate the cell before writing a note on it. Nothing was saved.');
    const cell: AchCell = { ...current, value, by: change.value !== undefined ? by : (current?.by ?? by) };
    if (change.note !== undefined) {
      if (change.note.trim() === '') delete cell.note;
      else cell.note = change.note;
    }
    const others = (cell.others ?? []).filter((o) => o.value !== value);
    if (others.length > 0) cell.others = others;
    else {
      delete cell.others;
      delete cell.kept;
    }
    ratings[hypothesisId] = cell;
    summary = change.value !== undefined ? `Rated ${quote(row.title)} against ${h}: ${value} (${RATING_LABELS[value]})` : `Noted the rating of ${quote(row.title)} against ${h}`;
  }
  return { summary, changes: [put('matrixRows', row, { ...row, ratings })] };
}

/**
 * Settles a disagreement: `pick` -1 keeps the cell's rating, n takes the n-th other analyst's;
 * `keep` leaves both on record, marked as kept.
 */
export function resolveCellStep(row: AchRow, matrix: AchMatrix, hypothesisId: string, choice: { pick: number } | { keep: true }): AchStep {
  const h = hypothesisLabel(matrix, hypothesisId);
  const cell = row.ratings[hypothesisId];
  if (!cell?.others?.length) throw new AchEditError('VALIDATION', 'This cell has no disagreement to resolve. Nothing was saved.');
  let next: AchCell;
  let summary: string;
  if ('keep' in choice) {
    next = { ...cell, kept: true };
    summary = `Kept the disagreement on ${quote(row.title)} against ${h} on record`;
  } else if (choice.pick === -1) {
    const { others: _o, kept: _k, ...rest } = cell;
    next = rest;
    summary = `Resolved ${quote(row.title)} against ${h}: ${cell.value}`;
  } else {
    const chosen = cell.others[choice.pick];
    if (!chosen) throw new AchEditError('VALIDATION', 'That rating is no longer offered; open the cell again. Nothing was saved.');
    next = { ...chosen };
    summary = `Resolved ${quote(row.title)} against ${h}: ${chosen.value}${chosen.by ? ` (by ${chosen.by})` : ''}`;
  }
  return { summary, changes: [put('matrixRows', row, { ...row, ratings: { ...row.ratings, [hypothesisId]: next } })] };
}

/** Takes the row's basis again: what it rests on now is what the analyst has reviewed. */
export function reviewRowStep(row: AchRow, lookup: AchLookup): AchStep {
  return { summary: `Reviewed ${quote(row.title)} against the case as it is now`, changes: [put('matrixRows', row, { ...row, basis: basisOf(row, lookup) })] };
}
