import { FormGroup, HTMLSelect } from '@blueprintjs/core';
import { useState } from 'react';
import { BUILDER_DIMENSION_LABELS, BUILDER_DIMENSIONS, BUILDER_MEASURE_LABELS, BUILDER_MEASURES, DEFAULT_BUILDER_SPEC, type BuilderDimension, type BuilderMeasure, type BuilderSpec } from '../../../shared/analytics/builder-spec';
import type { ImprecisionPolicy } from '../../../shared/analytics/imprecision';
import type { EventFilter } from '../../../shared/domain/filters';
import { LoadState } from '../../components/LoadState';
import { useCaseCall } from '../filters/useCaseCall';
import { ChartCard } from './ChartCard';

export interface ChartBuilderProps {
  /** The shared view filters in force. */
  filter: EventFilter;
  /** The view's choice for imprecise dates and places. */
  policy: ImprecisionPolicy;
  /** The series the filters select (the measure picker offers them). */
  series: readonly { id: string; title: string }[];
}

/**
 * The chart builder: a measure along a dimension, optionally stacked by another, from what the
 * shared filters select. Main computes the chart (analytics:builder) from the spec, the same
 * serialisable spec a report figure can hold.
 */
export function ChartBuilder({ filter, policy, series }: ChartBuilderProps) {
  const [choice, setChoice] = useState<Omit<BuilderSpec, 'policy'>>(DEFAULT_BUILDER_SPEC);
  const spec: BuilderSpec = { ...choice, policy };
  const loaded = useCaseCall('analytics:builder', { filter, spec }, JSON.stringify([filter, spec]));
  const set = (patch: Partial<BuilderSpec>) => setChoice((c) => ({ ...c, ...patch }));
  const measures = BUILDER_MEASURES.filter((m) => m !== 'series' || series.length > 0);

  const controls = (
    <div role="group" aria-label="Chart builder" className="cf-builder-controls">
      <FormGroup label="Measure" labelFor="cf-builder-measure" inline>
        <HTMLSelect
          id="cf-builder-measure"
          value={choice.measure}
          onChange={(e) => {
            const measure = e.currentTarget.value as BuilderMeasure;
            set({ measure, seriesId: measure === 'series' ? (choice.seriesId ?? series[0]?.id) : undefined });
          }}
          options={measures.map((m) => ({ value: m, label: BUILDER_MEASURE_LABELS[m] }))}
        />
      </FormGroup>
      {choice.measure === 'series' && (
        <FormGroup label="Series" labelFor="cf-builder-series" inline>
          <HTMLSelect id="cf-builder-series" value={choice.seriesId ?? ''} onChange={(e) => set({ seriesId: e.currentTarget.value })} options={series.map((s) => ({ value: s.id, label: s.title }))} />
        </FormGroup>
      )}
      <FormGroup label="By" labelFor="cf-builder-dimension" inline>
        <HTMLSelect
          id="cf-builder-dimension"
          value={choice.dimension}
          onChange={(e) => {
            const dimension = e.currentTarget.value as BuilderDimension;
            set({ dimension, stackBy: choice.stackBy === dimension ? undefined : choice.stackBy });
          }}
          options={BUILDER_DIMENSIONS.map((d) => ({ value: d, label: BUILDER_DIMENSION_LABELS[d] }))}
        />
      </FormGroup>
      <FormGroup label="Stack by" labelFor="cf-builder-stack" inline>
        <HTMLSelect
          id="cf-builder-stack"
          value={choice.stackBy ?? ''}
          onChange={(e) => set({ stackBy: (e.currentTarget.value || undefined) as BuilderDimension | undefined })}
          options={[{ value: '', label: 'Nothing (one bar per group)' }, ...BUILDER_DIMENSIONS.filter((d) => d !== choice.dimension).map((d) => ({ value: d, label: BUILDER_DIMENSION_LABELS[d] }))]}
        />
      </FormGroup>
    </div>
  );

  return (
    <LoadState loadable={loaded} what="the chart">
      {(chart) => <ChartCard chart={chart} controls={controls} heading="Chart builder" />}
    </LoadState>
  );
}
