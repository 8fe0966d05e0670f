import { isWithinMarking, type Marking } from '../../../domain/marking';
import type { ReportInput } from '../../select';

/**
 * The case as a live node (a figure, a fact, a case section) may show it at the export's
 * maximum: every record above it is gone before any compiler sees the data, so no figure's
 * numbers, labels or alt text can carry it. Relationships and ACH rows whose ends were cut go too.
 */
export function cutInput(input: ReportInput, max: Marking): ReportInput {
  const within = <T extends { marking: Marking }>(records: readonly T[] | undefined): T[] => (records ?? []).filter((r) => isWithinMarking(r.marking, max));
  const actors = within(input.actors);
  const actorIds = new Set(actors.map((a) => a.id));
  const matrices = within(input.matrices);
  const matrixIds = new Set(matrices.map((m) => m.id));
  return {
    caseName: input.caseName,
    events: within(input.events),
    actors,
    sources: within(input.sources),
    series: within(input.series),
    relationships: within(input.relationships).filter((r) => actorIds.has(r.sourceActorId) && actorIds.has(r.targetActorId)),
    matrices,
    matrixRows: within(input.matrixRows).filter((r) => matrixIds.has(r.matrixId)),
    ...(input.filter ? { filter: input.filter } : {}),
  };
}
