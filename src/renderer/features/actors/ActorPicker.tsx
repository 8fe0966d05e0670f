import { useRecordsById } from '../../app/useRecordsById';
import { searchActorHits, SearchPicker } from '../../components/SearchPicker';
import { createActorNamed } from '../timeline/editor/quickCreate';

export interface ActorPickerProps {
  /** Accessible name of the search box. */
  label: string;
  /** The chosen actor's id, or null. */
  value: string | null;
  /** Actors that may not be chosen (the actor being edited). */
  exclude?: readonly string[];
  /** Called with the chosen id (null when cleared). */
  onChange(id: string | null): void;
  /** Offers "Create actor …" from the text typed (the event editor). */
  allowCreate?: boolean;
}

/** Picks an actor by typing any of its names in any script; main's name index offers the best eight matches. */
export function ActorPicker({ label, value, exclude = [], onChange, allowCreate = false }: ActorPickerProps) {
  const chosen = useRecordsById('records:actors', value ? [value] : []);
  return (
    <SearchPicker
      label={label}
      placeholder="Type a name in any script"
      search={(text) => searchActorHits(text, exclude)}
      value={value}
      chosenText={value ? (chosen.get(value)?.name ?? value) : ''}
      onChange={onChange}
      {...(allowCreate ? { create: { noun: 'actor', make: createActorNamed } } : {})}
    />
  );
}
