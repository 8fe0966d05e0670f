import { Classes, H5 } from '@blueprintjs/core';
import { LoadState } from '../../components/LoadState';
import { useCaseCall } from '../filters/useCaseCall';

export interface CitedByProps {
  /** The source whose citing records to list. */
  sourceId: string;
}

const SINGULAR: Record<string, string> = { events: 'Event', actors: 'Actor', relationships: 'Relationship', series: 'Series' };

/** Everything in the case that cites the source: events, actors, relationships, series. */
export function CitedBy({ sourceId }: CitedByProps) {
  const loaded = useCaseCall('sources:citing', { sourceId }, sourceId);
  return (
    <section aria-label="Cited by" className="cf-cited-by">
      <H5>Cited by</H5>
      <LoadState loadable={loaded} what="the records citing this source">
        {({ records, total }) =>
          records.length === 0 ? (
            <p className={Classes.TEXT_MUTED}>Nothing in the case cites this source.</p>
          ) : (
            <ul>
              {records.map((r) => (
                <li key={`${r.collection}/${r.id}`}>
                  <span className={Classes.TEXT_MUTED}>{SINGULAR[r.collection] ?? r.collection}: </span>
                  {r.label}
                </li>
              ))}
              {total > records.length && <li className={Classes.TEXT_MUTED}>{`… and ${total - records.length} more`}</li>}
            </ul>
          )
        }
      </LoadState>
    </section>
  );
}
