import { Button, ButtonGroup, Classes, HTMLSelect, InputGroup, Intent, NonIdealState } from '@blueprintjs/core';
import { useMemo, useState } from 'react';
import { ActorKind, type Actor } from '../../../shared/domain/actor';
import type { Event } from '../../../shared/domain/event';
import type { Relationship } from '../../../shared/domain/relationship';
import type { Series } from '../../../shared/domain/series';
import type { Source } from '../../../shared/domain/source';
import { actorNameIndex } from '../../../shared/names';
import { all, useRecords } from '../../app/useRecords';
import { EmptyState } from '../../components/EmptyState';
import { humanize } from '../../components/format';
import { LoadState } from '../../components/LoadState';
import { LinkChart } from '../linkchart/LinkChart';
import { ActorProfile } from '../profile/ActorProfile';
import { ActorDetails } from './ActorDetails';
import { ActorEditorDialog } from './ActorEditorDialog';
import { ActorTable } from './ActorTable';
import { DuplicatesPanel } from './DuplicatesPanel';
import { MergeDialog } from './MergeDialog';
import { RelationshipDialog } from './RelationshipDialog';
import './actors.css';

/** The Actors view: search across spellings, the actor list and editor, profiles, the link chart and duplicates. */
export function ActorsView() {
  const actors = useRecords('records:actors');
  const relationships = useRecords('records:relationships');
  const events = useRecords('records:events');
  const sources = useRecords('records:sources');
  const series = useRecords('records:series');
  return (
    <LoadState loadable={all(actors, relationships, events, sources, series)} what="the actors">
      {([actorList, relationshipList, eventList, sourceList, seriesList]) => (
        <ActorsWorkspace actors={actorList} relationships={relationshipList} events={eventList} sources={sourceList} series={seriesList} />
      )}
    </LoadState>
  );
}

interface ActorsWorkspaceProps {
  /** Every actor of the case. */
  actors: readonly Actor[];
  /** Every relationship of the case. */
  relationships: readonly Relationship[];
  /** Every event of the case. */
  events: readonly Event[];
  /** Every source of the case. */
  sources: readonly Source[];
  /** Every series of the case. */
  series: readonly Series[];
}

type Mode = 'list' | 'chart' | 'duplicates';
type RelationshipEdit = { relationship: Relationship | null } | null;

function ActorsWorkspace({ actors, relationships, events, sources, series }: ActorsWorkspaceProps) {
  const [mode, setMode] = useState<Mode>('list');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [profileId, setProfileId] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<string>('all');
  const [editing, setEditing] = useState<{ actor: Actor | null } | null>(null);
  const [relEdit, setRelEdit] = useState<RelationshipEdit>(null);
  const [mergePair, setMergePair] = useState<[Actor, Actor] | null>(null);

  const byId = useMemo(() => new Map(actors.map((a) => [a.id, a])), [actors]);
  const index = useMemo(() => actorNameIndex(actors), [actors]);
  const sorted = useMemo(() => [...actors].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name)), [actors]);
  const hits = useMemo(() => (query.trim() ? index.search(query, 500) : null), [index, query]);
  const matched = useMemo(() => (hits ? new Map(hits.map((h) => [h.id, h.matchedName])) : undefined), [hits]);
  const ranked = hits ? hits.flatMap((h) => byId.get(h.id) ?? []) : sorted;
  const shown = ranked.filter((a) => kind === 'all' || a.kind === kind);
  const selected = selectedId ? byId.get(selectedId) : undefined;
  const related = useMemo(() => (selectedId ? relationships.filter((r) => r.sourceActorId === selectedId || r.targetActorId === selectedId) : []), [relationships, selectedId]);
  const profiled = profileId ? byId.get(profileId) : undefined;
  const records = useMemo(() => ({ actors, events, relationships, series }), [actors, events, relationships, series]);

  const openProfile = (id: string) => {
    setSelectedId(id);
    setProfileId(id);
  };

  let body;
  if (profiled) {
    body = <ActorProfile actor={profiled} actors={byId} events={events} relationships={relationships} sources={sources} onBack={() => setProfileId(null)} onOpen={openProfile} />;
  } else if (mode === 'chart') {
    body = <LinkChart actors={actors} relationships={relationships} events={events} onOpen={openProfile} />;
  } else if (mode === 'duplicates') {
    body = <DuplicatesPanel actors={actors} onMerge={setMergePair} onSelect={(id) => { setSelectedId(id); setMode('list'); }} />;
  } else {
    body = (
      <div className="cf-split">
        <div className="cf-pane cf-list-pane">
          <div className="cf-scroll">
            {actors.length === 0 ? (
              <EmptyState icon="people" title="No actors yet" description="Organisations, factions, people and media outlets you add appear here." action={<Button icon="add" text="New actor" onClick={() => setEditing({ actor: null })} />} />
            ) : shown.length === 0 ? (
              <NonIdealState icon="search" title="No actor matches" description="No name, alias or transliteration is like that. Try another spelling." />
            ) : (
              <ActorTable actors={shown} selectedId={selectedId} onSelect={setSelectedId} matched={matched} />
            )}
          </div>
        </div>
        <aside className="cf-pane cf-details-pane" aria-label="Selected actor">
          {selected ? (
            <ActorDetails
              actor={selected}
              relationships={related}
              actors={byId}
              onSelect={setSelectedId}
              onEdit={() => setEditing({ actor: selected })}
              onProfile={() => setProfileId(selected.id)}
              onEditRelationship={(relationship) => setRelEdit({ relationship })}
            />
          ) : (
            <NonIdealState icon="person" title="No actor selected" description="Pick an actor in the table to see its names and relationships." />
          )}
        </aside>
      </div>
    );
  }

  return (
    <div className="cf-actors">
      <div className="cf-toolbar cf-actors-toolbar">
        <ButtonGroup role="group" aria-label="Actors view mode">
          {(['list', 'chart', 'duplicates'] as const).map((m) => (
            <Button key={m} active={mode === m && !profiled} aria-pressed={mode === m && !profiled} icon={m === 'list' ? 'list' : m === 'chart' ? 'graph' : 'duplicate'} onClick={() => { setMode(m); setProfileId(null); }}>
              {m === 'list' ? 'List' : m === 'chart' ? 'Link chart' : 'Duplicates'}
            </Button>
          ))}
        </ButtonGroup>
        <InputGroup leftIcon="search" placeholder="Search any name, script or spelling" aria-label="Search actors" value={query} onValueChange={(v) => { setQuery(v); setMode('list'); setProfileId(null); }} type="search" className="cf-filter" dir="auto" />
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
        <Button icon="add" intent={Intent.PRIMARY} text="New actor" onClick={() => setEditing({ actor: null })} />
      </div>
      {body}
      <ActorEditorDialog
        isOpen={editing !== null}
        actor={editing?.actor ?? null}
        sources={sources}
        onClose={() => setEditing(null)}
        onSaved={(id) => {
          setEditing(null);
          setSelectedId(id);
        }}
      />
      {selected && (
        <RelationshipDialog isOpen={relEdit !== null} actor={selected} relationship={relEdit?.relationship ?? null} actors={byId} index={index} sources={sources} onClose={() => setRelEdit(null)} />
      )}
      <MergeDialog
        pair={mergePair}
        records={records}
        onClose={() => setMergePair(null)}
        onMerged={(id) => {
          setMergePair(null);
          setSelectedId(id);
        }}
      />
    </div>
  );
}
