import { Button, Checkbox, Dialog, DialogBody, DialogFooter, FormGroup, HTMLSelect, InputGroup, NumericInput } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { EVENT_CATEGORIES, RESPONSIBILITY_KINDS } from '../../../shared/domain/event';
import type { EventFilter } from '../../../shared/domain/filters';
import { TLP_LEVELS, type Marking } from '../../../shared/domain/marking';
import { PartialDate, partialDate } from '../../../shared/domain/partial-date';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { categoryLabel, countryName, formatPartialDate, humanize } from '../../components/format';
import { searchActorHits, type PickerHit } from '../../components/SearchPicker';
import { AcledFilterFields } from './AcledFilterFields';
import { withValue } from './chips';
import { Pick } from './Pick';

export interface FilterDialogProps {
  /** Whether the dialog is shown. */
  isOpen: boolean;
  onClose(): void;
  /** The filters in force; every change applies at once. */
  filter: EventFilter;
  setFilter(next: EventFilter): void;
  /** Values present in the case, offered in the pickers. */
  facets: ResponseOf<'timeline:facets'> | null;
}

function DateField({ label, value, onChange }: { label: string; value: PartialDate | undefined; onChange(date: PartialDate | undefined): void }) {
  const [text, setText] = useState(value?.value ?? '');
  const parsed = text.trim() ? PartialDate.safeParse(partialDate(text.trim())) : null;
  const error = parsed && !parsed.success ? (parsed.error.issues[0]?.message ?? 'not a date') : null;
  return (
    <FormGroup label={label} inline helperText={error ?? (value ? formatPartialDate(value) : 'YYYY, YYYY-MM or YYYY-MM-DD')} intent={error ? 'danger' : 'none'}>
      <InputGroup
        aria-label={label}
        value={text}
        intent={error ? 'danger' : 'none'}
        onValueChange={(next) => {
          setText(next);
          const p = next.trim() ? PartialDate.safeParse(partialDate(next.trim())) : null;
          if (!p) onChange(undefined);
          else if (p.success) onChange(p.data);
        }}
      />
    </FormGroup>
  );
}

/** Every filter the views share, in one dialog. Values picked here show as chips in the filter bar. */
export function FilterDialog({ isOpen, onClose, filter, setFilter, facets }: FilterDialogProps) {
  const [actorText, setActorText] = useState('');
  const [actorMatches, setActorMatches] = useState<PickerHit[]>([]);
  // Main searches every name, alias and transliteration of the case's actors.
  useEffect(() => {
    if (!actorText.trim()) return setActorMatches([]);
    let current = true;
    const timer = setTimeout(() => void searchActorHits(actorText.trim()).then((hits) => current && setActorMatches(hits)), 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [actorText]);
  const toggle = <K extends 'responsibilityKinds' | 'scopes'>(key: K, value: NonNullable<EventFilter[K]>[number], on: boolean) => {
    const current = (filter[key] ?? []) as string[];
    setFilter({ ...filter, [key]: on ? [...current, value] : current.filter((v) => v !== value) });
  };
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title="Filter events" icon="filter">
      <DialogBody>
        <DateField label="From" value={filter.from} onChange={(from) => setFilter({ ...filter, from })} />
        <DateField label="Until" value={filter.to} onChange={(to) => setFilter({ ...filter, to })} />
        <Pick label="Country" options={(facets?.countries ?? []).map((c) => ({ value: c, label: `${countryName(c)} (${c})` }))} onPick={(v) => setFilter(withValue(filter, 'countries', v))} />
        <Pick label="Province" options={(facets?.provinces ?? []).map((p) => ({ value: p, label: p }))} onPick={(v) => setFilter(withValue(filter, 'provinces', v))} />
        <FormGroup label="Actor (name or alias)" inline>
          <InputGroup aria-label="Actor name or alias" value={actorText} onValueChange={setActorText} placeholder="Any name or alias, in any script" />
        </FormGroup>
        <div className="cf-filter-matches">
          {actorMatches.map((hit) => (
            <Button key={hit.id} size="small" variant="outlined" icon="add" text={hit.text} onClick={() => setFilter(withValue(filter, 'actorIds', hit.id))} />
          ))}
        </div>
        <Pick label="Category" options={EVENT_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }))} onPick={(v) => setFilter(withValue(filter, 'categories', v as (typeof EVENT_CATEGORIES)[number]))} />
        <Pick label="Attack type" options={(facets?.attackTypes ?? []).map((t) => ({ value: t, label: humanize(t) }))} onPick={(v) => setFilter(withValue(filter, 'attackTypes', v))} />
        <Pick label="Target type" options={(facets?.targetTypes ?? []).map((t) => ({ value: t, label: humanize(t) }))} onPick={(v) => setFilter(withValue(filter, 'targetTypes', v))} />
        <FormGroup label="Responsibility" inline>
          {RESPONSIBILITY_KINDS.map((kind) => (
            <Checkbox key={kind} inline label={kind} checked={filter.responsibilityKinds?.includes(kind) ?? false} onChange={(e) => toggle('responsibilityKinds', kind, e.currentTarget.checked)} />
          ))}
        </FormGroup>
        <FormGroup label="Operation" inline>
          {(['internal', 'external', 'unknown'] as const).map((scope) => (
            <Checkbox key={scope} inline label={scope} checked={filter.scopes?.includes(scope) ?? false} onChange={(e) => toggle('scopes', scope, e.currentTarget.checked)} />
          ))}
        </FormGroup>
        <FormGroup label="Marking up to" inline>
          <HTMLSelect
            aria-label="Marking up to"
            value={filter.maxMarking ?? ''}
            onChange={(e) => setFilter({ ...filter, maxMarking: (e.currentTarget.value || undefined) as Marking | undefined })}
            options={[{ value: '', label: 'Any marking' }, ...TLP_LEVELS.map((m) => ({ value: m, label: m }))]}
          />
        </FormGroup>
        <FormGroup label="Fatalities at least" inline>
          <NumericInput aria-label="Minimum fatalities" min={0} value={filter.minFatalities ?? ''} onValueChange={(n) => setFilter({ ...filter, minFatalities: Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined })} />
        </FormGroup>
        <AcledFilterFields filter={filter} setFilter={setFilter} facets={facets} />
      </DialogBody>
      <DialogFooter actions={<Button intent="primary" text="Done" onClick={onClose} />} />
    </Dialog>
  );
}
