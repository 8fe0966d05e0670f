import { HTMLTable } from '@blueprintjs/core';
import type { KeyboardEvent } from 'react';
import type { Actor } from '../../../shared/domain/actor';
import { humanize } from '../../components/format';
import { AliasNames } from './AliasNames';

export interface ActorTableProps {
  /** The actors to list, already sorted and filtered. */
  actors: readonly Actor[];
  /** The selected actor's id. */
  selectedId: string | null;
  /** Selects an actor. */
  onSelect(id: string): void;
  /** While searching: the name each actor was found by, shown when it is not the primary name. */
  matched?: ReadonlyMap<string, string>;
}

function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, select: () => void): void {
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    select();
    return;
  }
  const sibling = event.key === 'ArrowDown' ? event.currentTarget.nextElementSibling : event.key === 'ArrowUp' ? event.currentTarget.previousElementSibling : null;
  if (sibling instanceof HTMLElement) {
    event.preventDefault();
    sibling.focus();
  }
}

/** Every actor with kind, name and aliases; rows are focusable and select on Enter or click. */
export function ActorTable({ actors, selectedId, onSelect, matched }: ActorTableProps) {
  return (
    <HTMLTable compact interactive striped className="cf-table cf-actor-table" aria-label="Actors">
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">Name</th>
          <th scope="col">Aliases</th>
          {matched && <th scope="col">Found as</th>}
        </tr>
      </thead>
      <tbody>
        {actors.map((actor) => (
          <tr
            key={actor.id}
            tabIndex={0}
            aria-selected={actor.id === selectedId}
            className={actor.id === selectedId ? 'cf-row-selected' : undefined}
            onClick={() => onSelect(actor.id)}
            onKeyDown={(e) => onRowKey(e, () => onSelect(actor.id))}
          >
            <td className="cf-nowrap">{humanize(actor.kind)}</td>
            <td className="cf-strong">
              <bdi dir="auto">{actor.name}</bdi>
            </td>
            <td>
              <AliasNames aliases={actor.aliases} max={4} />
            </td>
            {matched && (
              <td>
                <bdi dir="auto">{matched.get(actor.id) !== actor.name ? matched.get(actor.id) : ''}</bdi>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </HTMLTable>
  );
}
