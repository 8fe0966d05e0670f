import { Button, InputGroup, Menu, MenuItem } from '@blueprintjs/core';
import { useMemo, useState } from 'react';
import type { Actor } from '../../../shared/domain/actor';
import type { NameIndex } from '../../../shared/names';

export interface ActorPickerProps {
  /** Accessible name of the search box. */
  label: string;
  /** Every actor by id. */
  actors: ReadonlyMap<string, Actor>;
  /** The case's name index, to find actors by any spelling. */
  index: NameIndex;
  /** The chosen actor's id, or null. */
  value: string | null;
  /** Actors that may not be chosen (the actor being edited). */
  exclude?: readonly string[];
  /** Called with the chosen id (null when cleared). */
  onChange(id: string | null): void;
}

/** Picks an actor by typing any of its names in any script; the best eight matches are offered. */
export function ActorPicker({ label, actors, index, value, exclude = [], onChange }: ActorPickerProps) {
  const [text, setText] = useState('');
  const hits = useMemo(() => (text.trim() ? index.search(text, 12).filter((h) => !exclude.includes(h.id)).slice(0, 8) : []), [index, text, exclude]);
  const chosen = value ? actors.get(value) : undefined;
  if (chosen) {
    return (
      <div className="cf-picked">
        <bdi dir="auto" className="cf-strong">
          {chosen.name}
        </bdi>
        <Button variant="minimal" size="small" icon="cross" aria-label={`Clear ${label}`} onClick={() => onChange(null)} />
      </div>
    );
  }
  return (
    <div className="cf-picker">
      <InputGroup leftIcon="search" dir="auto" aria-label={label} placeholder="Type a name in any script" value={text} onValueChange={setText} />
      {hits.length > 0 && (
        <Menu aria-label={`${label}: matches`} className="cf-picker-menu">
          {hits.map((hit) => {
            const actor = actors.get(hit.id);
            if (!actor) return null;
            return (
              <MenuItem
                key={hit.id}
                text={<bdi dir="auto">{actor.name}</bdi>}
                label={hit.matchedName !== actor.name ? hit.matchedName : undefined}
                onClick={() => {
                  onChange(hit.id);
                  setText('');
                }}
              />
            );
          })}
        </Menu>
      )}
    </div>
  );
}
