import type { CaseDocument } from '../domain/case';
import type { EventFilter } from '../domain/filters';
import { isWithinMarking, type Marking } from '../domain/marking';
import { caseToStixBundle, type StixBundle } from '../formats/stix';
import type { Exchanged } from './canonical';
import { exportCap, selectForExport, type Selection } from './selection';

/**
 * A case (or the filter's part of it) as one STIX bundle capped at `cap`: the records as any
 * export selects them, and the case's own words. The case description has no marking of its own;
 * it is read as marked at the case's default marking and left out when that is above the cap.
 */
export function caseStixExport(doc: Pick<CaseDocument, Exchanged | 'id' | 'name' | 'description' | 'defaultMarking'>, cap: Marking, filter?: EventFilter, now?: string): { bundle: StixBundle; selection: Selection } {
  const selection = selectForExport(doc, cap, filter);
  const description = doc.description && isWithinMarking(doc.defaultMarking, exportCap(cap, filter)) ? doc.description : undefined;
  const bundle = caseToStixBundle(selection.records, { caseName: doc.name, caseId: doc.id, ...(description ? { caseDescription: description } : {}), ...(now ? { now } : {}) });
  return { bundle, selection };
}
