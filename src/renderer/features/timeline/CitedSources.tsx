import { Button, Classes, HTMLTable } from '@blueprintjs/core';
import type { Citation } from '../../../shared/domain/citation';
import type { Event } from '../../../shared/domain/event';
import { useRecordsById } from '../../app/useRecordsById';

export interface CitedSourcesProps {
  event: Event;
  /** Opens a source in the sources panel. */
  onOpen(sourceId: string): void;
}

/** Every citation of the event and of its claims and parties, with what it supports. */
function citationsOf(event: Event): Array<{ citation: Citation; supports: string }> {
  return [
    ...event.citations.map((citation) => ({ citation, supports: citation.field ? `event (${citation.field})` : 'event' })),
    ...event.responsibility.flatMap((claim, i) => claim.citations.map((citation) => ({ citation, supports: `${claim.kind} claim ${i + 1}` }))),
    ...(event.participants ?? []).flatMap((party, i) => party.citations.map((citation) => ({ citation, supports: `${party.role} ${i + 1}` }))),
  ];
}

/**
 * The sources an event cites, each with its grade: the source's reliability (A–F) and the
 * citation's credibility (1–6), read together as in "B2"; a button opens the source.
 */
export function CitedSources({ event, onOpen }: CitedSourcesProps) {
  const cited = citationsOf(event);
  const sources = useRecordsById('records:sources', [...new Set(cited.map((c) => c.citation.sourceId))]);
  if (cited.length === 0) return <p className={Classes.TEXT_MUTED}>No source cited.</p>;
  return (
    <>
      <h5 className={Classes.HEADING}>Sources cited</h5>
      <HTMLTable compact className="cf-table" aria-label="Sources cited">
        <thead>
          <tr>
            <th>Grade</th>
            <th>Source</th>
            <th>Supports</th>
          </tr>
        </thead>
        <tbody>
          {cited.map(({ citation, supports }, i) => {
            const source = sources.get(citation.sourceId);
            const grade = `${source?.reliability ?? '?'}${citation.credibility}`;
            return (
              <tr key={`${citation.sourceId}-${i}`}>
                <td title="source reliability (A–F) and information credibility (1–6)">{grade}</td>
                <td>
                  <Button variant="minimal" size="small" icon="book" aria-label={`Open source ${source?.title ?? citation.sourceId}`} onClick={() => onOpen(citation.sourceId)}>
                    <bdi dir="auto">{source?.title ?? citation.sourceId}</bdi>
                  </Button>
                  {citation.locator && <span className={Classes.TEXT_MUTED}> · {citation.locator}</span>}
                </td>
                <td>{supports}</td>
              </tr>
            );
          })}
        </tbody>
      </HTMLTable>
    </>
  );
}
