import { Button, Classes, Drawer, InputGroup, NonIdealState } from '@blueprintjs/core';
import { useMemo, useState } from 'react';
import { newId } from '../../../shared/domain/ids';
import { useRecords } from '../../app/useRecords';
import { LoadState } from '../../components/LoadState';
import { CitedBy } from './CitedBy';
import { SourceForm } from './SourceForm';
import { emptySourceDraft, sourceDraftOf } from './sourceDraft';
import './sources.css';

export interface SourcesDrawerProps {
  /** Whether the panel is shown. */
  isOpen: boolean;
  onClose(): void;
}

/** The sources panel: every source of the case, one to edit or a new one, and what cites it. */
export function SourcesDrawer({ isOpen, onClose }: SourcesDrawerProps) {
  const sources = useRecords('records:sources');
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const [newSourceId, setNewSourceId] = useState(() => newId('source'));
  const [search, setSearch] = useState('');
  const list = useMemo(() => (sources.state === 'ready' ? [...sources.value].sort((a, b) => a.title.localeCompare(b.title)) : []), [sources]);
  const needle = search.trim().toLowerCase();
  const shown = needle ? list.filter((s) => `${s.title} ${s.publisher ?? ''}`.toLowerCase().includes(needle)) : list;
  const current = selected && selected !== 'new' ? list.find((s) => s.id === selected) : undefined;
  return (
    <Drawer isOpen={isOpen} onClose={onClose} title="Sources" icon="book" size="70%">
      <div className="cf-sources">
        <div className="cf-sources-list">
          <div className="cf-editor-row">
            <InputGroup type="search" leftIcon="search" aria-label="Search sources" placeholder="Search sources" value={search} onValueChange={setSearch} />
            <Button icon="add" intent="primary" text="New source" onClick={() => { setNewSourceId(newId('source')); setSelected('new'); }} />
          </div>
          <LoadState loadable={sources} what="the sources">
            {() => (
              <ul className="cf-event-list" aria-label="Sources">
                {shown.map((s) => (
                  <li key={s.id}>
                    <button type="button" className={`cf-row${s.id === selected ? ' cf-row-selected' : ''}`} aria-pressed={s.id === selected} onClick={() => setSelected(s.id)}>
                      <span className={`cf-row-title ${Classes.TEXT_OVERFLOW_ELLIPSIS}`}>{s.title}</span>
                      <span className={Classes.TEXT_MUTED}>{s.publisher ?? ''} · {s.reliability}</span>
                    </button>
                  </li>
                ))}
              </ul>
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
