import { Button, InputGroup, Tag } from '@blueprintjs/core';
import { useEffect, useMemo, useState } from 'react';
import { useRecordsById } from '../../app/useRecordsById';
import { filterChips } from './chips';
import { FilterDialog } from './FilterDialog';
import { NamedViews } from './NamedViews';
import { useCaseCall } from './useCaseCall';
import { useEventFilter } from './useEventFilter';
import './filters.css';

/** Typing pauses this long before the text filter applies, so a 100k-event case is not refiltered per keystroke. */
const TEXT_DELAY_MS = 300;

/** The filter bar above every view: free-text search, the filters in force as removable chips, the filter dialog and named views. */
export function FilterBar() {
  const { filter, setFilter } = useEventFilter();
  const [dialogOpen, setDialogOpen] = useState(false);
  const [text, setText] = useState(filter.text ?? '');
  // The chips' actors by name; facets load once the dialog opens.
  const actors = useRecordsById('records:actors', filter.actorIds ?? []);
  // The pickers offer only values of events within the filter's marking.
  const facetRequest = filter.maxMarking ? { maxMarking: filter.maxMarking } : {};
  const facets = useCaseCall('timeline:facets', facetRequest, filter.maxMarking ?? '', dialogOpen);
  const names = useMemo(() => new Map([...actors.values()].map((a) => [a.id, a.name])), [actors]);

  // A named view or a removed chip changes the text from outside: follow it.
  useEffect(() => setText(filter.text ?? ''), [filter.text]);
  useEffect(() => {
    if ((filter.text ?? '') === text) return;
    const timer = setTimeout(() => setFilter((current) => ({ ...current, text: text || undefined })), TEXT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, filter.text, setFilter]);

  const chips = filterChips(filter, (id) => names.get(id) ?? id);
  return (
    <div className="cf-filter-bar" role="search" aria-label="Event filters">
      <InputGroup leftIcon="search" type="search" placeholder="Search titles, notes, places, tags" aria-label="Search events" value={text} onValueChange={setText} className="cf-filter-text" />
      <Button variant="minimal" icon="filter" text="Filters" onClick={() => setDialogOpen(true)} />
      <ul className="cf-filter-chips" aria-label="Filters in force">
        {chips.map((chip) => (
          <li key={chip.key}>
            <Tag round interactive={false} onRemove={() => setFilter(chip.without)} className="cf-filter-chip">
              {chip.label}
            </Tag>
          </li>
        ))}
      </ul>
      {chips.length > 0 && <Button variant="minimal" size="small" text="Clear all" onClick={() => setFilter({})} />}
      <NamedViews />
      <FilterDialog isOpen={dialogOpen} onClose={() => setDialogOpen(false)} filter={filter} setFilter={setFilter} facets={facets.state === 'ready' ? facets.value : null} />
    </div>
  );
}
