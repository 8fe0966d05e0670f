import { Checkbox, FormGroup, HTMLSelect, InputGroup, TextArea } from '@blueprintjs/core';
import type { ReactNode } from 'react';
import { EVENT_CATEGORIES, GeoPrecision, type EventCategory, type Scope } from '../../../../shared/domain/event';
import { TLP_LEVELS, type Marking } from '../../../../shared/domain/marking';
import type { DatePrecision } from '../../../../shared/domain/partial-date';
import { categoryLabel, countryName } from '../../../components/format';
import { countryOptions } from './countries';
import { PlaceSearch } from './PlaceSearch';
import type { EventDraft, FieldErrors } from './draft';

export interface EventFieldsProps {
  draft: EventDraft;
  /** Merges a change into the draft. */
  onChange(patch: Partial<EventDraft>): void;
  /** Messages by field path, shown under their fields. */
  errors: FieldErrors;
}

interface FieldProps {
  label: string;
  /** The field's error message, if any. */
  error?: string | undefined;
  /** Help shown when there is no error. */
  help?: string | undefined;
  children: ReactNode;
}

/** A labelled field whose validation message appears right under it. */
export function Field({ label, error, help, children }: FieldProps) {
  return (
    <FormGroup label={label} helperText={error ?? help} intent={error ? 'danger' : 'none'}>
      {children}
    </FormGroup>
  );
}

const text = (value: string, onChange: (v: string) => void, label: string, error?: string, placeholder?: string) => (
  <InputGroup aria-label={label} value={value} onValueChange={onChange} intent={error ? 'danger' : 'none'} placeholder={placeholder} />
);

/** What, when, where, how many and how marked. */
export function EventFields({ draft, onChange, errors }: EventFieldsProps) {
  const e = (path: string) => errors[path];
  return (
    <>
      <Field label="Title" error={e('title')}>
        {text(draft.title, (title) => onChange({ title }), 'Title', e('title'))}
      </Field>
      <Field label="Place search" help="GeoNames places of 1,000 people or more, searched offline">
        <PlaceSearch onPick={onChange} />
      </Field>
      <div className="cf-editor-grid">
        <Field label="Category" error={e('category')}>
          <HTMLSelect aria-label="Category" value={draft.category} onChange={(x) => onChange({ category: x.currentTarget.value as EventCategory })} options={EVENT_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }))} />
        </Field>
        <Field label="Date" error={e('date.value') ?? e('date')} help="2024, 2024-03 or 2024-03-22">
          {text(draft.dateValue, (dateValue) => onChange({ dateValue }), 'Date', e('date.value'), 'YYYY-MM-DD')}
        </Field>
        <Field label="Known to the">
          <HTMLSelect aria-label="Date precision" value={draft.precision} onChange={(x) => onChange({ precision: x.currentTarget.value as DatePrecision })} options={['day', 'month', 'year']} />
          <Checkbox label="approximate" checked={draft.approximate} onChange={(x) => onChange({ approximate: x.currentTarget.checked })} />
        </Field>
        <Field label="Country" error={e('location.country')} help={countryName(draft.country)}>
          <HTMLSelect aria-label="Country" value={draft.country} onChange={(x) => onChange({ country: x.currentTarget.value })} options={countryOptions(draft.country)} />
        </Field>
        <Field label="Province (admin-1)" error={e('location.admin1')}>{text(draft.admin1, (admin1) => onChange({ admin1 }), 'Province', e('location.admin1'))}</Field>
        <Field label="District (admin-2)" error={e('location.admin2')}>{text(draft.admin2, (admin2) => onChange({ admin2 }), 'District', e('location.admin2'))}</Field>
        <Field label="Place" error={e('location.place')}>{text(draft.place, (place) => onChange({ place }), 'Place', e('location.place'))}</Field>
        <Field label="Latitude" error={e('location.lat')}>{text(draft.lat, (lat) => onChange({ lat }), 'Latitude', e('location.lat'), 'latitude, −90 to 90')}</Field>
        <Field label="Longitude" error={e('location.lon')}>{text(draft.lon, (lon) => onChange({ lon }), 'Longitude', e('location.lon'), 'longitude, −180 to 180')}</Field>
        <Field label="Geo precision">
          <HTMLSelect aria-label="Geo precision" value={draft.geoPrecision} onChange={(x) => onChange({ geoPrecision: x.currentTarget.value as GeoPrecision })} options={[...GeoPrecision.options]} />
        </Field>
        <Field label="Attack type" error={e('attackType')}>{text(draft.attackType, (attackType) => onChange({ attackType }), 'Attack type', e('attackType'), 'suicide-bombing')}</Field>
        <Field label="Target type" error={e('targetType')}>{text(draft.targetType, (targetType) => onChange({ targetType }), 'Target type', e('targetType'), 'religious')}</Field>
        <Field label="Fatalities (min)" error={e('fatalities.min') ?? e('fatalities')} help="one value, or min–max when sources disagree">
          {text(draft.fatalitiesMin, (fatalitiesMin) => onChange({ fatalitiesMin }), 'Fatalities minimum', e('fatalities.min'))}
        </Field>
        <Field label="Fatalities (max)" error={e('fatalities.max')}>{text(draft.fatalitiesMax, (fatalitiesMax) => onChange({ fatalitiesMax }), 'Fatalities maximum', e('fatalities.max'))}</Field>
        <Field label="Injured (min)" error={e('injured.min') ?? e('injured')}>{text(draft.injuredMin, (injuredMin) => onChange({ injuredMin }), 'Injured minimum', e('injured.min'))}</Field>
        <Field label="Injured (max)" error={e('injured.max')}>{text(draft.injuredMax, (injuredMax) => onChange({ injuredMax }), 'Injured maximum', e('injured.max'))}</Field>
        <Field label="Scope">
          <HTMLSelect aria-label="Scope" value={draft.scope} onChange={(x) => onChange({ scope: x.currentTarget.value as Scope })} options={[{ value: 'internal', label: 'internal (home region)' }, { value: 'external', label: 'external' }, { value: 'unknown', label: 'unknown' }]} />
        </Field>
        <Field label="Marking">
          <HTMLSelect aria-label="Marking" value={draft.marking} onChange={(x) => onChange({ marking: x.currentTarget.value as Marking })} options={[...TLP_LEVELS]} />
        </Field>
      </div>
      <Field label="Tags" error={e('tags')} help="comma-separated">{text(draft.tags, (tags) => onChange({ tags }), 'Tags', e('tags'))}</Field>
      <Field label="Description" error={e('description')}>
        <TextArea aria-label="Description" fill autoResize value={draft.description} onChange={(x) => onChange({ description: x.currentTarget.value })} />
      </Field>
    </>
  );
}
