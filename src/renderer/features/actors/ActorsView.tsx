import { Classes, HTMLSelect, InputGroup, NonIdealState } from '@blueprintjs/core';
import { useMemo, useState } from 'react';
import { ActorKind, type Actor } from '../../../shared/domain/actor';
import type { Relationship } from '../../../shared/domain/relationship';
import { all, useRecords } from '../../app/useRecords';
import { EmptyState } from '../../components/EmptyState';
import { humanize } from '../../components/format';
import { LoadState } from '../../components/LoadState';
import { ActorDetails } from './ActorDetails';
import { ActorTable } from './ActorTable';

/** The Actors view: a filterable table of actors and the selected one's details. */
export function ActorsView() {
  const actors = useRecords('records:actors');
  const relationships = useRecords('records:relationships');
  return (
    <LoadState loadable={all(actors, relationships)} what="the actors">
      {([actorList, relationshipList]) =>
        actorList.length === 0 ? (
          <EmptyState icon="people" title="No actors yet" description="This case has no actors. Organisations, factions, people and media outlets you add appear here." />
        ) : (
          <ActorsWorkspace actors={actorList} relationships={relationshipList} />
        )
      }
    </LoadState>
  );
}

interface ActorsWorkspaceProps {
  /** Every actor of the case. */
  actors: readonly Actor[];
  /** Every relationship of the case. */
  relationships: readonly Relationship[];
}

function matches(actor: Actor, needle: string): boolean {
  return actor.name.toLowerCase().includes(needle) || actor.aliases.some((a) => a.name.toLowerCase().includes(needle) || a.transliteration?.toLowerCase().includes(needle));
}

function ActorsWorkspace({ actors, relationships }: ActorsWorkspaceProps) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [kind, setKind] = useState<string>('all');
  const byId = useMemo(() => new Map(actors.map((a) => [a.id, a])), [actors]);
  const sorted = useMemo(() => [...actors].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name)), [actors]);
  const needle = filter.trim().toLowerCase();
  const shown = sorted.filter((a) => (kind === 'all' || a.kind === kind) && (!needle || matches(a, needle)));
  const selected = selectedId ? byId.get(selectedId) : undefined;
  const related = useMemo(() => (selectedId ? relationships.filter((r) => r.sourceActorId === selectedId || r.targetActorId === selectedId) : []), [relationships, selectedId]);

  return (
    <div className="cf-split">
      <div className="cf-pane cf-list-pane">
        <div className="cf-toolbar">
          <InputGroup leftIcon="search" placeholder="Filter by name or alias" aria-label="Filter actors" value={filter} onValueChange={setFilter} type="search" className="cf-filter" />
          <HTMLSelect aria-label="Kind of actor" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            <option value="all">All kinds</option>
            {ActorKind.options.map((k) => (
              <option key={k} value={k}>
                {humanize(k)}
              </option>
            ))}
          </HTMLSelect>
          <span className={Classes.TEXT_MUTED}>
            {shown.length} of {actors.length}
          </span>
        </div>
        <div className="cf-scroll">
          <ActorTable actors={shown} selectedId={selectedId} onSelect={setSelectedId} />
        </div>
      </div>
      <aside className="cf-pane cf-details-pane" aria-label="Selected actor">
        {selected ? (
          <ActorDetails actor={selected} relationships={related} actors={byId} onSelect={setSelectedId} />
        ) : (
          <NonIdealState icon="person" title="No actor selected" description="Pick an actor in the table to see its names and relationships." />
        )}
      </aside>
    </div>
  );
}
