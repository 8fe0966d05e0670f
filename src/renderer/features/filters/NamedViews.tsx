import { Button, InputGroup, Menu, MenuDivider, MenuItem, Popover } from '@blueprintjs/core';
import { useState } from 'react';
import type { SavedView } from '../../../shared/domain/filters';
import { newId } from '../../../shared/domain/ids';
import { call } from '../../ipc/client';
import { showError } from '../../app/toaster';
import { useCaseCall } from './useCaseCall';
import { useEventFilter } from './useEventFilter';

/** The case's saved named views: apply one, save the current filters under a name, delete one. */
export function NamedViews() {
  const { filter, setFilter, grouping, setGrouping } = useEventFilter();
  const views = useCaseCall('views:list', {}, '');
  const [name, setName] = useState('');
  const list: SavedView[] = views.state === 'ready' ? views.value.views : [];
  const save = async () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    const existing = list.find((v) => v.name === trimmed);
    const result = await call('views:put', { view: { id: existing?.id ?? newId('view'), name: trimmed, filter, grouping } });
    if (!result.ok) showError('Could not save the view', result.error);
    else setName('');
  };
  const remove = async (id: string) => {
    const result = await call('views:delete', { id });
    if (!result.ok) showError('Could not delete the view', result.error);
  };
  const menu = (
    <Menu aria-label="Saved views">
      {list.length === 0 && <MenuItem disabled text="No saved views yet" />}
      {list.map((view) => (
        <MenuItem
          key={view.id}
          icon="bookmark"
          text={view.name}
          onClick={() => {
            setFilter(view.filter);
            if (view.grouping) setGrouping(view.grouping);
          }}
          labelElement={<Button size="small" variant="minimal" icon="trash" aria-label={`Delete view ${view.name}`} onClick={(e) => { e.stopPropagation(); void remove(view.id); }} />}
        />
      ))}
      <MenuDivider />
      <li className="cf-view-save">
        <InputGroup
          size="small"
          aria-label="Name for the current filters"
          placeholder="Save current filters as…"
          value={name}
          onValueChange={setName}
          onKeyDown={(e) => e.key === 'Enter' && void save()}
          rightElement={<Button size="small" variant="minimal" icon="floppy-disk" aria-label="Save view" disabled={!name.trim()} onClick={() => void save()} />}
        />
      </li>
    </Menu>
  );
  return (
    <Popover content={menu} placement="bottom-end">
      <Button variant="minimal" icon="bookmark" endIcon="caret-down" text="Views" />
    </Popover>
  );
}
