import { FormGroup, InputGroup, TagInput } from '@blueprintjs/core';
import { useId } from 'react';
import type { ImportRowFilter } from '../../../shared/import/filters';

export interface ImportFilterFormProps {
  filter: ImportRowFilter;
  onChange: (filter: ImportRowFilter) => void;
  disabled: boolean;
}

type ListKey = 'country' | 'admin1' | 'actor' | 'eventType';

const LISTS: Array<{ key: ListKey; label: string; hint: string }> = [
  { key: 'country', label: 'Country', hint: 'ISO code or English name' },
  { key: 'admin1', label: 'Admin-1 (province, state, region)', hint: 'as the file names it' },
  { key: 'actor', label: 'Actor', hint: 'any spelling; rows naming it as any party' },
  { key: 'eventType', label: 'Event type', hint: "the file's event type or a category" },
];

/**
 * Which rows of the file to import, chosen before anything is read into the case: several
 * values of one field are alternatives, different fields must all match. Press Enter (or type
 * ";") after each value.
 */
export function ImportFilterForm({ filter, onChange, disabled }: ImportFilterFormProps) {
  const ids = useId();
  const setDate = (key: 'from' | 'to', value: string): void => {
    const { [key]: _old, ...rest } = filter;
    onChange(value.trim() === '' ? rest : { ...rest, [key]: value.trim() });
  };
  return (
    <section aria-label="Row filters" className="cf-import-filters">
      <p className="bp6-text-muted">Import only the rows that match. Leave a field empty to keep every row; several values in one field mean “any of them”.</p>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))', columnGap: 16 }}>
        {LISTS.map(({ key, label, hint }) => (
          <FormGroup key={key} label={label} labelFor={`${ids}-${key}`} helperText={hint}>
            <TagInput
              values={filter[key]}
              onChange={(values) => onChange({ ...filter, [key]: (values as string[]).map((v) => v.trim()).filter(Boolean) })}
              addOnBlur
              separator=";"
              disabled={disabled}
              inputProps={{ id: `${ids}-${key}` }}
            />
          </FormGroup>
        ))}
        <FormGroup label="From" labelFor={`${ids}-from`} helperText="YYYY, YYYY-MM or YYYY-MM-DD">
          <InputGroup id={`${ids}-from`} value={filter.from ?? ''} onValueChange={(v) => setDate('from', v)} disabled={disabled} />
        </FormGroup>
        <FormGroup label="To" labelFor={`${ids}-to`} helperText="YYYY, YYYY-MM or YYYY-MM-DD">
          <InputGroup id={`${ids}-to`} value={filter.to ?? ''} onValueChange={(v) => setDate('to', v)} disabled={disabled} />
        </FormGroup>
      </div>
    </section>
  );
}
