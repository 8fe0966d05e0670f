import { Button, ButtonGroup, Classes, HTMLSelect, InputGroup, Intent, NonIdealState } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { ActorKind, type Actor } from '../../../shared/domain/actor';
import type { Relationship } from '../../../shared/domain/relationship';
import { PAGE_LIMIT } from '../../../shared/ipc/bounds';
import { EmptyState } from '../../components/EmptyState';
import { humanize } from '../../components/format';
import { LoadState } from '../../components/LoadState';
import { useCaseCall } from '../filters/useCaseCall';
import { LinkChart } from '../linkchart/LinkChart';
import { ActorProfile } from '../profile/ActorProfile';
import { ActorDetails } from './ActorDetails';
import { ActorEditorDialog } from './ActorEditorDialog';
import { ActorTable } from './ActorTable';
import { DuplicatesPanel } from './DuplicatesPanel';
import { MergeDialog } from './MergeDialog';
import { RelationshipDialog } from './RelationshipDialog';
import './actors.css';

type Mode = 'list' | 'chart' | 'duplicates';
type RelationshipEdit = { relationship: Relationship | null } | null;

const TYPING_DELAY_MS = 150;

/**
 * The Actors view: search across spellings, the actor list and editor, profiles, the link chart
 * and duplicates. Main holds the actors: the list comes a page at a time, sorted or searched there.
 */
export function ActorsView() {
  const [mode, setMode] = useState<Mode>('list');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [profileId, setProfileId] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [text, setText] = useState('');
  const [kind, setKind] = useState<string>('all');
  // Where each page shown so far starts: a page ends where its rows fill one answer, so Previous goes back through these.
  const [starts, setStarts] = useState<number[]>([0]);
  const [editing, setEditing] = useState<{ actor: Actor | null } | null>(null);
  const [relEdit, setRelEdit] = useState<RelationshipEdit>(null);
  const [mergePair, setMergePair] = useState<[Actor, Actor] | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => setText(query.trim()), TYPING_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);
  useEffect(() => setStarts([0]), [text, kind]);
  const offset = starts[starts.length - 1] ?? 0;
  const request = { ...(text ? { text } : {}), ...(kind !== 'all' ? { kind: kind as Actor['kind'] } : {}), offset, limit: PAGE_LIMIT };
  const listed = useCaseCall('actors:list', request, JSON.stringify(request));
  const detail = useCaseCall('actors:detail', { id: selectedId ?? '' }, selectedId ?? '', selectedId !== null);
  const selected = selectedId && detail.state === 'ready' && detail.value.actor.id === selectedId ? detail.value : null;

  const openProfile = (id: string) => {
    setSelectedId(id);
    setProfileId(id);
  };

  let body;
  if (profileId) {
    body = <ActorProfile actorId={profileId} onBack={() => setProfileId(null)} onOpen={openProfile} />;
  } else if (mode === 'chart') {
    body = <LinkChart onOpen={openProfile} />;
  } else if (mode === 'duplicates') {
    body = <DuplicatesPanel onMerge={setMergePair} onSelect={(id) => { setSelectedId(id); setMode('list'); }} />;
  } else {
    body = (
      <div className="cf-split">
        <div className="cf-pane cf-list-pane">
          <div className="cf-scroll">
            <LoadState loadable={listed} what="the actors">
              {({ actors, matched, total, all, next }) =>
                all === 0 ? (
                  <EmptyState icon="people" title="No actors yet" description="Organisations, factions, people and media outlets you add appear here." action={<Button icon="add" text="New actor" onClick={() => setEditing({ actor: null })} />} />
                ) : total === 0 ? (
                  <NonIdealState icon="search" title="No actor matches" description="No name, alias or transliteration is like that. Try another spelling." />
                ) : (
                  <>
                    <ActorTable actors={actors} selectedId={selectedId} onSelect={setSelectedId} matched={matched ? new Map(matched.map((m) => [m.id, m.name])) : undefined} />
                    {(offset > 0 || next !== null) && (
                      <div className="cf-editor-row cf-pad">
                        <Button icon="chevron-left" text="Previous" disabled={starts.length === 1} onClick={() => setStarts((s) => s.slice(0, -1))} />
                        <span className={Classes.TEXT_MUTED}>{`${offset + 1}–${offset + actors.length} of ${total}`}</span>
                        <Button rightIcon="chevron-right" text="Next" disabled={next === null} onClick={() => next !== null && setStarts((s) => [...s, next])} />
                      </div>
                    )}
                  </>
                )
              }
            </LoadState>
          </div>
        </div>
        <aside className="cf-pane cf-details-pane" aria-label="Selected actor">
          {selected ? (
            <ActorDetails
              actor={selected.actor}
              relationships={selected.relationships}
              names={new Map(selected.names.map((n) => [n.id, n.name]))}
              onSelect={setSelectedId}
              onEdit={() => setEditing({ actor: selected.actor })}
              onProfile={() => setProfileId(selected.actor.id)}
              onEditRelationship={(relationship) => setRelEdit({ relationship })}
            />
          ) : (
            <NonIdealState icon="person" title="No actor selected" description="Pick an actor in the table to see its names and relationships." />
          )}
        </aside>
      </div>
    );
  }

  const shownCount = listed.state === 'ready' ? listed.value : null;
  return (
    <div className="cf-actors">
      <div className="cf-toolbar cf-actors-toolbar">
        <ButtonGroup role="group" aria-label="Actors view mode">
          {(['list', 'chart', 'duplicates'] as const).map((m) => (
            <Button key={m} active={mode === m && !profileId} aria-pressed={mode === m && !profileId} icon={m === 'list' ? 'list' : m === 'chart' ? 'graph' : 'duplicate'} onClick={() => { setMode(m); setProfileId(null); }}>
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
        {shownCount && (
          <span className={Classes.TEXT_MUTED}>
            {shownCount.total} of {shownCount.all}
          </span>
        )}
        <Button icon="add" intent={Intent.PRIMARY} text="New actor" onClick={() => setEditing({ actor: null })} />
      </div>
      {body}
      <ActorEditorDialog
        isOpen={editing !== null}
        actor={editing?.actor ?? null}
        onClose={() => setEditing(null)}
        onSaved={(id) => {
          setEditing(null);
          setSelectedId(id);
        }}
      />
      {selected && <RelationshipDialog isOpen={relEdit !== null} actor={selected.actor} relationship={relEdit?.relationship ?? null} onClose={() => setRelEdit(null)} />}
      <MergeDialog
        pair={mergePair}
        onClose={() => setMergePair(null)}
        onMerged={(id) => {
          setMergePair(null);
          setSelectedId(id);
        }}
      />
    </div>
  );
}
