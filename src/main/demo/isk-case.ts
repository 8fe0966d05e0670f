import { z } from 'zod';
import { CaseDocument, CURRENT_SCHEMA_VERSION } from '../../shared/domain/case';
import { Marking } from '../../shared/domain/marking';
import achMatrices from './data/ach-matrices.json' with { type: 'json' };
import achRows from './data/ach-rows.json' with { type: 'json' };
import actors from './data/actors.json' with { type: 'json' };
import caseInfo from './data/case.json' with { type: 'json' };
import events from './data/events.json' with { type: 'json' };
import relationships from './data/relationships.json' with { type: 'json' };
import series from './data/series.json' with { type: 'json' };
import sources from './data/sources.json' with { type: 'json' };

/**
 * The bundled demo case (Islamic State Khorasan 2017–2024). Its records are data files in
 * ./data, one per collection, bundled into the main process by esbuild; they are checked against
 * the domain schemas the first time the case is built, so a bad edit to them fails loudly in the
 * unit tests (test/unit/demo-data.test.ts) rather than in an analyst's case.
 */
import { demoReport } from './isk-report';

/** Passphrase of the bundled demo case; shown in the unlock dialog for the demo only. */
export const DEMO_PASSPHRASE = 'khorasan-demo';

export const DEMO_CASE_ID = 'case--isk-demo';

const CaseInfo = z.object({ id: z.literal(DEMO_CASE_ID), name: z.string().min(1), description: z.string(), defaultMarking: Marking }).strict();

/** The data files, each with the name a validation message gives. */
const DATA_FILES = { events, actors, relationships, sources, series, matrices: achMatrices, matrixRows: achRows } as const;

let validated: CaseDocument | null = null;

/** The demo case with placeholder creation time and history, validated once; throws naming the file and field at fault. */
function demoRecords(): CaseDocument {
  if (validated) return validated;
  const info = CaseInfo.safeParse(caseInfo);
  if (!info.success) throw new Error(`Demo data file case.json is not valid: ${describe(info.error)}`);
  const candidate = { schemaVersion: CURRENT_SCHEMA_VERSION, ...info.data, ...DATA_FILES, views: [], attachments: [], reports: [], createdAt: '2000-01-01T00:00:00.000Z', history: [] };
  const parsed = CaseDocument.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const file = String(issue?.path[0] ?? 'case');
    throw new Error(`Demo data file ${file === 'matrices' ? 'ach-matrices' : file === 'matrixRows' ? 'ach-rows' : file}.json is not valid: ${describe(parsed.error)}`);
  }
  validated = parsed.data;
  return validated;
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(top)'}: ${issue.message}` : 'invalid';
}

/** The bundled demo case, freshly built: a deep copy, safe for the caller to mutate. */
export function buildDemoCase(now: string): CaseDocument {
  // Spreading keeps the schema's key order; createdAt and history are replaced in place.
  const doc: CaseDocument = {
    ...demoRecords(),
    createdAt: now,
    reports: [demoReport()],
    history: [{ seq: 1, at: now, by: 'Casefile Workbench', summary: 'Demo case created', kind: 'create', changes: [] }],
  };
  return structuredClone(doc);
}
