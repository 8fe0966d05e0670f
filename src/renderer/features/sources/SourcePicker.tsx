import { useRecordsById } from '../../app/useRecordsById';
import { SearchPicker, searchSourceHits } from '../../components/SearchPicker';
import { createSourceTitled } from '../timeline/editor/quickCreate';

export interface SourcePickerProps {
  /** Accessible name of the search box. */
  label: string;
  /** The chosen source's id, or null. */
  value: string | null;
  /** Called with the chosen id (null when cleared). */
  onChange(id: string | null): void;
  /** Offers "Create source …" from the text typed (the event editor). */
  allowCreate?: boolean;
}

/** Picks a source by typing words of its title, publisher or author. */
export function SourcePicker({ label, value, onChange, allowCreate = false }: SourcePickerProps) {
  const chosen = useRecordsById('records:sources', value ? [value] : []);
  const source = value ? chosen.get(value) : undefined;
  return (
    <SearchPicker
      label={label}
      placeholder="Type words of the title or publisher"
      search={searchSourceHits}
      value={value}
      chosenText={source ? `${source.title} (${source.reliability})` : (value ?? '')}
      onChange={onChange}
      {...(allowCreate ? { create: { noun: 'source', make: createSourceTitled } } : {})}
    />
  );
}
