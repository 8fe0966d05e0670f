import { Button, Checkbox, ControlGroup, FormGroup, HTMLSelect, HTMLTable, InputGroup } from '@blueprintjs/core';
import { useId, useState } from 'react';
import { DATE_FORMATS, type DateFormat } from '../../../shared/formats/csv-mapping/dates';
import { FIELD_LABELS, TARGET_FIELDS, type CsvMapping, type TargetField } from '../../../shared/formats/csv-mapping/mapping';
import type { FileInspection } from '../../../shared/ipc/channels/import';
import { countryOptions } from '../timeline/editor/countries';

export interface MappingWizardProps {
  /** The file's header and first rows. */
  inspection: FileInspection;
  /** The mapping being edited. */
  mapping: CsvMapping;
  /** Called on every change. */
  onChange: (mapping: CsvMapping) => void;
  /** Mappings saved earlier, to start from. */
  saved: readonly CsvMapping[];
  /** Saves the current mapping under a name. */
  onSave: (name: string) => void;
}

const NONE = '';

/** Maps the columns of any CSV/XLSX to event fields, with the file's first rows to look at. */
export function MappingWizard({ inspection, mapping, onChange, saved, onSave }: MappingWizardProps) {
  const ids = useId();
  const [name, setName] = useState(mapping.name ?? '');
  const setColumn = (field: TargetField, header: string): void => {
    const columns = { ...mapping.columns };
    if (header === NONE) delete columns[field];
    else columns[field] = header;
    onChange({ ...mapping, columns });
  };
  return (
    <section className="cf-import-wizard" aria-label="Column mapping">
      {saved.length > 0 && (
        <FormGroup label="Start from a saved mapping" labelFor={`${ids}-saved`} inline>
          <HTMLSelect
            id={`${ids}-saved`}
            value=""
            onChange={(e) => {
              const chosen = saved.find((m) => m.name === e.currentTarget.value);
              if (chosen) {
                onChange(chosen);
                setName(chosen.name ?? '');
              }
            }}
            options={[{ value: '', label: 'Choose…' }, ...saved.map((m) => ({ value: m.name ?? '', label: m.name ?? '' }))]}
          />
        </FormGroup>
      )}
      <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
        <HTMLTable compact bordered className="cf-import-sample" aria-label="First rows of the file">
          <thead>
            <tr>{inspection.headers.map((h, i) => <th key={i}>{h}</th>)}</tr>
          </thead>
          <tbody>
            {inspection.rows.slice(0, 5).map((row, r) => (
              <tr key={r}>{inspection.headers.map((_, c) => <td key={c}>{row[c] ?? ''}</td>)}</tr>
            ))}
          </tbody>
        </HTMLTable>
      </div>
      <div className="cf-import-fields" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))', columnGap: 16, marginTop: 12 }}>
        {TARGET_FIELDS.map((field) => (
          <FormGroup key={field} label={FIELD_LABELS[field]} labelFor={`${ids}-field-${field}`} inline>
            <HTMLSelect
              id={`${ids}-field-${field}`}
              value={mapping.columns[field] ?? NONE}
              onChange={(e) => setColumn(field, e.currentTarget.value)}
              options={[{ value: NONE, label: '(not in the file)' }, ...inspection.headers.filter((h) => h.trim() !== '').map((h) => ({ value: h, label: h }))]}
            />
          </FormGroup>
        ))}
        <FormGroup label="Date format" labelFor={`${ids}-date-format`} inline>
          <HTMLSelect id={`${ids}-date-format`} value={mapping.dateFormat} onChange={(e) => onChange({ ...mapping, dateFormat: e.currentTarget.value as DateFormat })} options={DATE_FORMATS.map((f) => ({ value: f, label: f }))} />
        </FormGroup>
        <FormGroup label="Default country" labelFor={`${ids}-default-country`} inline>
          <HTMLSelect
            id={`${ids}-default-country`}
            value={mapping.defaultCountry ?? NONE}
            onChange={(e) => {
              const code = e.currentTarget.value;
              const { defaultCountry: _omit, ...rest } = mapping;
              onChange(code === NONE ? rest : { ...rest, defaultCountry: code });
            }}
            options={[{ value: NONE, label: '(none: every row names its country)' }, ...countryOptions()]}
          />
        </FormGroup>
      </div>
      <Checkbox
        label="Look up places: rows with a place and no coordinates take them, and a missing province, from the offline place list (GeoNames)"
        checked={mapping.lookUpPlaces ?? false}
        disabled={!mapping.columns.place}
        onChange={(e) => {
          const { lookUpPlaces: _omit, ...rest } = mapping;
          onChange(e.currentTarget.checked ? { ...rest, lookUpPlaces: true } : rest);
        }}
      />
      <FormGroup label="Save this mapping as" labelFor={`${ids}-name`} inline>
        <ControlGroup>
          <InputGroup id={`${ids}-name`} value={name} onValueChange={setName} placeholder="a name for this file layout" />
          <Button text="Save mapping" icon="floppy-disk" disabled={name.trim() === ''} onClick={() => onSave(name.trim())} />
        </ControlGroup>
      </FormGroup>
    </section>
  );
}
