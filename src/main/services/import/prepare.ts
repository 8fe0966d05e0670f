import { basename } from 'node:path';
import { stixBundleToRecords, type StixDecodeResult } from '../../../shared/formats/stix';
import type { CaseDocument } from '../../../shared/domain/case';
import type { Marking } from '../../../shared/domain/marking';
import type { MatchDecisions } from '../../../shared/import/actors';
import { describeFilter } from '../../../shared/import/filters';
import { suggestedMarking } from '../../../shared/import/marking-choice';
import { buildPlan, type ImportPlan } from '../../../shared/import/plan';
import { buildStixPlan } from '../../../shared/import/stix-plan';
import { PREVIEW_LIST_LIMIT, type ImportPreview } from '../../../shared/ipc/channels/import';
import { ImportError, withFileName } from './import-error';
import { readJson, readTable, sniffFile, type PipelineOptions, type TableRead } from './pipeline';

/** A file read and mapped, ready to be planned against the case (now, and again at commit). */
export type Prepared =
  | { kind: 'table'; fileName: string; read: TableRead }
  | { kind: 'stix'; fileName: string; encoding: string; decoded: StixDecodeResult; marking: Marking };

/** What the analyst chose in the preview (or on the command line). */
export interface PlanChoices {
  /** The marking new records get; the source's suggestion when not given. */
  marking?: Marking;
  /** Proposed actor matches accepted. */
  accepted?: MatchDecisions;
}

/** Reads a file in whichever format it is (or the one forced); throws ImportError. */
export async function prepareImport(path: string, displayName: string | undefined, options: PipelineOptions, defaultMarking: CaseDocument['defaultMarking']): Promise<Prepared> {
  const fileName = displayName ?? basename(path);
  try {
    return await prepareFile(path, fileName, options, defaultMarking);
  } catch (error) {
    throw withFileName(error, fileName);
  }
}

async function prepareFile(path: string, fileName: string, options: PipelineOptions, defaultMarking: CaseDocument['defaultMarking']): Promise<Prepared> {
  const sniffed = await sniffFile(path);
  const format = options.format ?? (sniffed.kind === 'json' ? 'stix' : undefined);
  if (format === 'stix') {
    const bundle = await readJson(path, sniffed);
    const refused = notABundle(bundle);
    if (refused) throw new ImportError({ file: fileName, line: 1, column: 1, message: `${refused} Nothing was imported; if the file holds a table, pick its format (ACLED, GTD or CSV).` });
    options.onProgress?.({ bytes: sniffed.size, totalBytes: sniffed.size, rows: 0 });
    return { kind: 'stix', fileName, encoding: sniffed.encoding, decoded: stixBundleToRecords(bundle, { defaultMarking }), marking: defaultMarking };
  }
  return { kind: 'table', fileName, read: await readTable(path, sniffed, options) };
}

/**
 * Why a parsed JSON value is not a STIX bundle worth reading, or null. The decoder never throws
 * (it reports what it cannot map), so a file that is something else entirely would otherwise
 * "import" as zero rows with success; it is refused here instead, saying what it is.
 */
export function notABundle(value: unknown): string | null {
  const expected = 'this is not a STIX 2.1 bundle (a JSON object with "type": "bundle" and an "objects" list)';
  if (Array.isArray(value)) return `${expected}: it is a JSON list.`;
  if (value === null || typeof value !== 'object') return `${expected}: it is a single JSON ${value === null ? 'null' : typeof value}.`;
  const { type, objects } = value as { type?: unknown; objects?: unknown };
  if (type !== 'bundle') return `${expected}: its "type" is ${typeof type === 'string' ? `"${type.slice(0, 40)}"` : 'missing'}.`;
  if (!Array.isArray(objects)) return `${expected}: it has no "objects" list.`;
  const isObject = (o: unknown): boolean => o !== null && typeof o === 'object' && typeof (o as { type?: unknown }).type === 'string' && typeof (o as { id?: unknown }).id === 'string';
  if (objects.length > 0 && !objects.some(isObject)) return `none of the bundle's ${objects.length} objects is a STIX object (each has a "type" and an "id"): it is damaged or not STIX.`;
  return null;
}

/**
 * The plan of a prepared file against the case as it stands. `consume`: the caller will not plan
 * these rows again, so each is dropped as it is planned (a table's items are left empty).
 */
export function planImport(prepared: Prepared, doc: CaseDocument, removeMissing: boolean, consume = false, choices: PlanChoices = {}): ImportPlan {
  if (prepared.kind === 'stix') {
    const plan = buildStixPlan(prepared.decoded, doc, prepared.fileName, prepared.marking);
    const notes = [
      ...prepared.decoded.keptAside.map((k) => `Kept aside ${k.type} ${k.id}: ${k.reason}`),
      ...prepared.decoded.problems.map((p) => `${p.kind} in ${p.id}: ${p.message}`),
      ...plan.dangling.map((d) => `Skipped: ${d}`),
      ...plan.notes,
    ];
    return { ...plan, notes };
  }
  const { read } = prepared;
  const marking = choices.marking ?? suggestedMarking(read.format, doc.defaultMarking).marking;
  const filter = read.filter ? { filter: read.filter } : {};
  const plan = buildPlan(read.items, doc, { dataset: read.dataset, fileName: prepared.fileName, removeMissing, consume, marking, ...(choices.accepted ? { accepted: choices.accepted } : {}), ...filter });
  return { ...plan, notes: [...prepared.read.notes, ...plan.notes] };
}

const MAX_ROWS_SHOWN = PREVIEW_LIST_LIMIT;

/** What the renderer and `--json` see of a plan: counts and the first rows, issues and missing events. */
export function previewOf(previewId: string, prepared: Prepared, plan: ImportPlan, caseDefault?: Marking): ImportPreview {
  const interesting = plan.rows.filter((r) => r.status !== 'unchanged');
  const rows = [...interesting.slice(0, MAX_ROWS_SHOWN), ...plan.rows.filter((r) => r.status === 'unchanged').slice(0, Math.max(0, MAX_ROWS_SHOWN - interesting.length))];
  const table = prepared.kind === 'table' ? prepared.read : null;
  return {
    previewId,
    fileName: prepared.fileName,
    format: table ? table.format : 'stix',
    encoding: table ? table.encoding : prepared.kind === 'stix' ? prepared.encoding : '',
    rowsRead: table ? table.rowsRead : plan.rows.length,
    counts: { ...plan.counts, invalid: table ? table.issueCount : 0, filteredOut: table ? table.filteredOut : 0 },
    filter: table?.filter ? describeFilter(table.filter.filter) : '',
    proposals: plan.proposals.slice(0, MAX_ROWS_SHOWN),
    marking: { applied: plan.marking, ...suggestedMarking(table ? table.format : 'stix', caseDefault ?? plan.marking ?? 'TLP:CLEAR') },
    rows,
    issues: table ? table.issues.slice(0, MAX_ROWS_SHOWN) : [],
    missing: plan.missing.slice(0, MAX_ROWS_SHOWN),
    notes: plan.notes.slice(0, MAX_ROWS_SHOWN),
    summary: plan.summary,
  };
}
