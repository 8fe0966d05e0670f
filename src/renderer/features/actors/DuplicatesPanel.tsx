import { Button, Classes, HTMLTable, Tag } from '@blueprintjs/core';
import type { Actor } from '../../../shared/domain/actor';
import { EmptyState } from '../../components/EmptyState';
import { humanize } from '../../components/format';
import { LoadState } from '../../components/LoadState';
import { useCaseCall } from '../filters/useCaseCall';

export interface DuplicatesPanelProps {
  /** Opens the merge dialog for a pair. */
  onMerge(pair: [Actor, Actor]): void;
  /** Shows one actor. */
  onSelect(id: string): void;
}

/** Likely duplicates (names that collide across spellings and scripts, found in main), each with a Merge button. */
export function DuplicatesPanel({ onMerge, onSelect }: DuplicatesPanelProps) {
  const loaded = useCaseCall('actors:duplicates', {}, '');
  return (
    <LoadState loadable={loaded} what="the likely duplicates">
      {({ suggestions, actors }) => {
        const byId = new Map(actors.map((a) => [a.id, a]));
        if (suggestions.length === 0) {
          return <EmptyState icon="tick-circle" title="No likely duplicates" description="No two actors share a name once spellings and scripts are set aside." />;
        }
        return (
          <div className="cf-scroll">
            <HTMLTable compact striped className="cf-table" aria-label="Likely duplicates">
              <thead>
                <tr>
                  <th scope="col">Actors</th>
                  <th scope="col">Why</th>
                  <th scope="col">Likelihood</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {suggestions.map((s) => {
                  const a = byId.get(s.actorIds[0]);
                  const b = byId.get(s.actorIds[1]);
                  if (!a || !b) return null;
                  return (
                    <tr key={s.actorIds.join('|')}>
                      <td>
                        {[a, b].map((actor) => (
                          <div key={actor.id}>
                            <button type="button" className="cf-link-button" onClick={() => onSelect(actor.id)}>
                              <bdi dir="auto">{actor.name}</bdi>
                            </button>{' '}
                            <span className={Classes.TEXT_MUTED}>{humanize(actor.kind)}</span>
                          </div>
                        ))}
                      </td>
                      <td>
                        {s.reasons.map((r, i) => (
                          <div key={i} dir="auto">
                            {r}
                          </div>
                        ))}
                      </td>
                      <td>
                        <Tag minimal>{Math.round(s.score * 100)}%</Tag>
                      </td>
                      <td>
                        <Button icon="git-merge" text="Merge…" aria-label={`Merge ${a.name} and ${b.name}`} onClick={() => onMerge([a, b])} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </HTMLTable>
          </div>
        );
      }}
    </LoadState>
  );
}
