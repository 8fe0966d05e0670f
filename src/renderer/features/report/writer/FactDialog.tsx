import { Button, Checkbox, Dialog, DialogBody, DialogFooter, FormGroup, HTMLSelect, InputGroup, Intent } from '@blueprintjs/core';
import { useEffect, useMemo, useState } from 'react';
import { DEFAULT_CHART_SETTINGS } from '../../../../shared/analytics/dashboard';
import { EVENT_CATEGORIES, RESPONSIBILITY_KINDS, type EventCategory, type ResponsibilityKind } from '../../../../shared/domain/event';
import type { EventFilter } from '../../../../shared/domain/filters';
import { FactSpec, formatFactValue } from '../../../../shared/report/authoring/fact-spec';
import { categoryLabel } from '../../../../shared/text/format';
import { call } from '../../../ipc/client';
import { useEventFilter } from '../../filters/useEventFilter';

interface FactDialogProps {
  isOpen: boolean;
  onClose: () => void;
  /** Inserts the number with this spec (JSON). */
  onInsert: (spec: string) => void;
}

type Measure = FactSpec['measure'];

const yearOf = (v: string) => (/^\d{4}$/.test(v.trim()) ? { value: v.trim(), precision: 'year' as const } : undefined);

/**
 * Defines a living number: a count or fatality sum of the events a filter selects (the filters
 * in force, narrowed here by years, category, countries and responsibility), or one value of a
 * sourced series. Shows the value the case gives now before it is inserted.
 */
export function FactDialog({ isOpen, onClose, onInsert }: FactDialogProps) {
  const { filter: inForce } = useEventFilter();
  const [measure, setMeasure] = useState<Measure>('events');
  const [useFilters, setUseFilters] = useState(true);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [category, setCategory] = useState<EventCategory | ''>('');
  const [countries, setCountries] = useState('');
  const [responsibility, setResponsibility] = useState<ResponsibilityKind | ''>('');
  const [series, setSeries] = useState<Array<{ id: string; title: string }>>([]);
  const [seriesId, setSeriesId] = useState('');
  const [period, setPeriod] = useState('');
  const [now, setNow] = useState<string>('');

  useEffect(() => {
    if (!isOpen) return;
    void call('analytics:charts', { filter: {}, settings: DEFAULT_CHART_SETTINGS }).then((r) => {
      if (r.ok) setSeries(r.value.series);
    });
  }, [isOpen]);

  const spec = useMemo((): FactSpec | null => {
    if (measure === 'series') {
      const parsed = FactSpec.safeParse({ measure, seriesId: seriesId || series[0]?.id, period: period.trim() });
      return parsed.success ? parsed.data : null;
    }
    const filter: EventFilter = { ...(useFilters ? inForce : {}) };
    const f = yearOf(from);
    const t = yearOf(to);
    if (f) filter.from = f;
    if (t) filter.to = t;
    if (category) filter.categories = [category];
    const codes = countries.split(/[\s,]+/).map((c) => c.trim().toUpperCase()).filter(Boolean);
    if (codes.length) filter.countries = codes;
    if (responsibility) filter.responsibilityKinds = [responsibility];
    const parsed = FactSpec.safeParse({ measure, filter });
    return parsed.success ? parsed.data : null;
  }, [measure, useFilters, inForce, from, to, category, countries, responsibility, seriesId, series, period]);

  useEffect(() => {
    if (!spec) return setNow('');
    let current = true;
    void call('reports:facts', { specs: [JSON.stringify(spec)] }).then((r) => {
      if (current) setNow(r.ok ? formatFactValue(r.value.values[0] ?? undefined) : '');
    });
    return () => {
      current = false;
    };
  }, [spec]);

  return (
    <Dialog isOpen={isOpen} onClose={onClose} title="Insert a living number" icon="numerical">
      <DialogBody>
        <FormGroup label="What it counts" labelFor="cf-fact-measure">
          <HTMLSelect id="cf-fact-measure" value={measure} onChange={(e) => setMeasure(e.currentTarget.value as Measure)} options={[{ value: 'events', label: 'Number of events' }, { value: 'fatalities', label: 'Fatalities in the events' }, { value: 'series', label: 'A value of a sourced series' }]} />
        </FormGroup>
        {measure === 'series' ? (
          <>
            <FormGroup label="Series" labelFor="cf-fact-series">
              <HTMLSelect id="cf-fact-series" value={seriesId || series[0]?.id || ''} onChange={(e) => setSeriesId(e.currentTarget.value)} options={series.map((s) => ({ value: s.id, label: s.title }))} />
            </FormGroup>
            <FormGroup label="Period (2021, 2021-03 or 2021-03-22)" labelFor="cf-fact-period">
              <InputGroup id="cf-fact-period" value={period} onChange={(e) => setPeriod(e.currentTarget.value)} />
            </FormGroup>
          </>
        ) : (
          <>
            <Checkbox label={`Under the filters in force (${Object.keys(inForce).length} set)`} checked={useFilters} onChange={(e) => setUseFilters(e.currentTarget.checked)} />
            <FormGroup label="From year" labelFor="cf-fact-from" inline>
              <InputGroup id="cf-fact-from" value={from} placeholder="2021" onChange={(e) => setFrom(e.currentTarget.value)} />
            </FormGroup>
            <FormGroup label="To year" labelFor="cf-fact-to" inline>
              <InputGroup id="cf-fact-to" value={to} placeholder="2023" onChange={(e) => setTo(e.currentTarget.value)} />
            </FormGroup>
            <FormGroup label="Category" labelFor="cf-fact-category" inline>
              <HTMLSelect id="cf-fact-category" value={category} onChange={(e) => setCategory(e.currentTarget.value as EventCategory | '')} options={[{ value: '', label: 'Any' }, ...EVENT_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }))]} />
            </FormGroup>
            <FormGroup label="Countries (ISO codes)" labelFor="cf-fact-countries" inline>
              <InputGroup id="cf-fact-countries" value={countries} placeholder="two-letter codes, comma-separated" onChange={(e) => setCountries(e.currentTarget.value)} />
            </FormGroup>
            <FormGroup label="Responsibility" labelFor="cf-fact-responsibility" inline>
              <HTMLSelect id="cf-fact-responsibility" value={responsibility} onChange={(e) => setResponsibility(e.currentTarget.value as ResponsibilityKind | '')} options={[{ value: '', label: 'Any' }, ...RESPONSIBILITY_KINDS.map((k) => ({ value: k, label: k }))]} />
            </FormGroup>
          </>
        )}
        <p role="status" aria-label="Value now">{spec ? `The case gives ${now || '…'} now.` : 'Fill in the fields to see the value.'}</p>
      </DialogBody>
      <DialogFooter
        actions={
          <>
            <Button text="Cancel" onClick={onClose} />
            <Button intent={Intent.PRIMARY} text="Insert" disabled={!spec} onClick={() => spec && onInsert(JSON.stringify(spec))} />
          </>
        }
      />
    </Dialog>
  );
}
