import { FormGroup, HTMLSelect } from '@blueprintjs/core';
import { IMPRECISION_POLICIES, POLICY_LABELS, type ImprecisionPolicy } from '../../../shared/analytics/imprecision';
import type { Measure } from '../../../shared/analytics/event-charts';
import { EVENT_CATEGORIES, RESPONSIBILITY_KINDS, type EventCategory, type ResponsibilityKind } from '../../../shared/domain/event';
import { categoryLabel } from '../../components/format';

export interface PolicySelectProps {
  /** The policy in force. */
  value: ImprecisionPolicy;
  /** Called with the chosen policy. */
  onChange(policy: ImprecisionPolicy): void;
}

/** How imprecise dates and places are treated, for every chart at once. */
export function PolicySelect({ value, onChange }: PolicySelectProps) {
  return (
    <FormGroup label="Imprecise dates and places" inline>
      <HTMLSelect aria-label="Imprecise dates and places" value={value} onChange={(e) => onChange(e.currentTarget.value as ImprecisionPolicy)} options={IMPRECISION_POLICIES.map((p) => ({ value: p, label: POLICY_LABELS[p] }))} />
    </FormGroup>
  );
}

export interface CategorySelectProps {
  /** Accessible label and visible label. */
  label: string;
  /** The category chosen. */
  value: EventCategory;
  /** Called with the chosen category. */
  onChange(category: EventCategory): void;
}

export function CategorySelect({ label, value, onChange }: CategorySelectProps) {
  return (
    <FormGroup label={label} inline>
      <HTMLSelect aria-label={label} value={value} onChange={(e) => onChange(e.currentTarget.value as EventCategory)} options={EVENT_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }))} />
    </FormGroup>
  );
}

export interface MeasureSelectProps {
  /** "First measure" or "Second measure". */
  label: string;
  /** The measure chosen. */
  value: Measure;
  /** Called with the changed measure. */
  onChange(measure: Measure): void;
}

/** What one line of the two-measure chart counts: events or fatalities, of a category, optionally by claim kind. */
export function MeasureSelect({ label, value, onChange }: MeasureSelectProps) {
  return (
    <FormGroup label={label} inline>
      <HTMLSelect aria-label={`${label}: value`} value={value.value} onChange={(e) => onChange({ ...value, value: e.currentTarget.value as Measure['value'] })} options={[{ value: 'events', label: 'Events' }, { value: 'fatalities', label: 'Fatalities' }]} />
      <HTMLSelect aria-label={`${label}: category`} value={value.category} onChange={(e) => onChange({ ...value, category: e.currentTarget.value as EventCategory })} options={EVENT_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }))} />
      <HTMLSelect
        aria-label={`${label}: responsibility`}
        value={value.responsibility ?? ''}
        onChange={(e) => onChange({ ...value, responsibility: (e.currentTarget.value || undefined) as ResponsibilityKind | undefined })}
        options={[{ value: '', label: 'any responsibility' }, ...RESPONSIBILITY_KINDS.map((k) => ({ value: k, label: k }))]}
      />
    </FormGroup>
  );
}
