import { Button, Classes, Drawer, InputGroup, NonIdealState } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { newId } from '../../../shared/domain/ids';
import { PAGE_LIMIT } from '../../../shared/ipc/bounds';
import { useRecordsById } from '../../app/useRecordsById';
import { LoadState } from '../../components/LoadState';
import { useCaseCall } from '../filters/useCaseCall';
import { CitedBy } from './CitedBy';
import { SourceForm } from './SourceForm';
import { emptySourceDraft, sourceDraftOf } from './sourceDraft';
import './sources.css';

export interface SourcesDrawerProps {
  /** Whether the panel is shown. */
  isOpen: boolean;
  onClose(): void;
  /** A source to show when the panel opens (a citation opened from an event's details). */
  focusId?: string | null;
}

const TYPING_DELAY_MS = 200;

/**
 * The sources panel: the case's sources by title (a page at a time; the search runs in main),
 * one to edit or a new one, and what cites it.
 */
export function SourcesDrawer({ isOpen, onClose, focusId = null }: SourcesDrawerProps) {
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  useEffect(() => {
    if (isOpen && focusId) setSelected(focusId);
  }, [isOpen, focusId]);
  const [newSourceId, setNewSourceId] = useState(() => newId('source'));
  const [search, setSearch] = useState('');
  const [text, setText] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setText(search.trim()), TYPING_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);
  const sources = useCaseCall('sources:list', { text, limit: PAGE_LIMIT }, text, isOpen);
  const chosen = useRecordsById('records:sources', selected && selected !== 'new' ? [selected] : []);
  const current = selected && selected !== 'new' ? chosen.get(selected) : undefined;
  return (
    <Drawer isOpen={isOpen} onClose={onClose} title="Sources" icon="book" size="70%">
      <div className="cf-sources">
        <div className="cf-sources-list">
          <div className="cf-editor-row">
            <InputGroup type="search" leftIcon="search" aria-label="Search sources" placeholder="Search sources" value={search} onValueChange={setSearch} />
            <Button icon="add" intent="primary" text="New source" onClick={() => { setNewSourceId(newId('source')); setSelected('new'); }} />
          </div>
          <LoadState loadable={sources} what="the sources">
            {({ sources: shown, total }) => (
              <>
              {total > shown.length && <p className={Classes.TEXT_MUTED}>{`The first ${shown.length} of ${total} sources by title; type to find the others.`}</p>}
              <ul className="cf-event-list" aria-label="Sources">
                {shown.map((s) => (
                  <li key={s.id}>
                    <button type="button" className={`cf-row${s.id === selected ? ' cf-row-selected' : ''}`} aria-pressed={s.id === selected} onClick={() => setSelected(s.id)}>
                      <span className={`cf-row-title ${Classes.TEXT_OVERFLOW_ELLIPSIS}`}>{s.title}</span>
                      <span className={Classes.TEXT_MUTED}>{s.outlet ?? s.publisher ?? ''} · {s.reliability}</span>
                    </button>
                  </li>
                ))}
              </ul>
              </>
            )}
          </LoadState>
        </div>
        <div className="cf-sources-detail">
          {selected === 'new' && <SourceForm key={newSourceId} initial={emptySourceDraft(newSourceId)} exists={false} onSaved={setSelected} />}
          {current && (
            <>
              <SourceForm key={current.id} initial={sourceDraftOf(current)} exists onSaved={setSelected} />
              <CitedBy sourceId={current.id} />
            </>
          )}
          {!selected && <NonIdealState icon="book" title="No source selected" description="Pick a source to edit it and see what cites it, or add a new one." />}
        </div>
      </div>
    </Drawer>
  );
}
