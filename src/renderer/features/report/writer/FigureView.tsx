import { InputGroup } from '@blueprintjs/core';
import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useContext, useEffect, useMemo, useState } from 'react';
import { CHART_IDS } from '../../../../shared/analytics/chart-data';
import { coverageNote } from '../../../../shared/analytics/imprecision';
import { figureIsEmpty, FIGURE_CHART_LABELS, parseFigureSpec, type FigureAttrs, type FigureData } from '../../../../shared/report/authoring/figure-spec';
import { CaseContext } from '../../../app/caseContext';
import { call } from '../../../ipc/client';
import { EChart } from '../../analytics/EChart';
import { MapDrawing } from '../../map/MapDrawing';

type Drawn = { state: 'loading' } | { state: 'error'; message: string } | { state: 'drawn'; data: FigureData };

/**
 * A figure in the writer: the chart (or map) drawn from the case now, through the channels the
 * Analytics view uses (marking cut and all), redrawn whenever the case changes; its number is
 * written by the live-numbering plugin (liveNodes.ts), its caption and source line edited here.
 */
export function FigureView({ node, updateAttributes, editor, selected }: ReactNodeViewProps) {
  const attrs = node.attrs as FigureAttrs;
  const version = useContext(CaseContext)?.version ?? 0;
  const parsed = useMemo(() => parseFigureSpec(attrs.spec), [attrs.spec]);
  const [drawn, setDrawn] = useState<Drawn>({ state: 'loading' });

  useEffect(() => {
    if (!parsed.ok) return setDrawn({ state: 'error', message: parsed.error });
    const { spec } = parsed;
    let current = true;
    const answer =
      spec.chart === 'map'
        ? call('analytics:map', { filter: spec.filter, scope: spec.mapScope ?? 'af-pk', policy: spec.settings.policy }).then((r) => (r.ok ? { ok: true as const, data: { kind: 'map' as const, map: r.value } } : r))
        : call('analytics:charts', { filter: spec.filter, settings: spec.settings }).then((r) => (r.ok ? { ok: true as const, data: { kind: 'chart' as const, chart: r.value.charts[CHART_IDS.indexOf(spec.chart as (typeof CHART_IDS)[number])]! } } : r));
    void answer.then((r) => {
      if (!current) return;
      setDrawn(r.ok ? { state: 'drawn', data: r.data } : { state: 'error', message: r.error.message });
    });
    return () => {
      current = false;
    };
  }, [parsed, version]);

  const editable = editor.isEditable;
  const title = parsed.ok ? FIGURE_CHART_LABELS[parsed.spec.chart] : 'Figure';
  return (
    <NodeViewWrapper as="figure" className={`cf-figure${selected ? ' cf-figure-selected' : ''}`} data-figure-id={attrs.id} data-drawn={drawn.state === 'drawn' ? (figureIsEmpty(drawn.data) ? 'empty' : 'chart') : drawn.state} aria-label={`Figure: ${attrs.caption || title}`}>
      <div className="cf-figure-drawing" contentEditable={false}>
        {drawn.state === 'loading' && <p className="cf-muted">Drawing {title.toLowerCase()} from the case…</p>}
        {drawn.state === 'error' && <p className="cf-muted">This figure cannot be drawn: {drawn.message}</p>}
        {drawn.state === 'drawn' && figureIsEmpty(drawn.data) && <p className="cf-muted">Nothing to draw: the figure’s filter selects no data in the case now. “Check the draft” lists it.</p>}
        {drawn.state === 'drawn' && !figureIsEmpty(drawn.data) && (drawn.data.kind === 'map' ? <MapDrawing map={drawn.data.map} /> : <EChart chart={drawn.data.chart} height={260} />)}
        {drawn.state === 'drawn' && <p className="cf-muted cf-note">{coverageNote(drawn.data.kind === 'map' ? drawn.data.map.coverage : drawn.data.chart.coverage)}</p>}
      </div>
      <figcaption contentEditable={false} className="cf-figure-caption">
        <strong data-figure-number />
        <InputGroup small aria-label="Figure caption" placeholder="Caption" value={attrs.caption} readOnly={!editable} onChange={(e) => updateAttributes({ caption: e.currentTarget.value })} />
        <InputGroup small aria-label="Figure source line" placeholder="Source: …" value={attrs.sourceLine} readOnly={!editable} onChange={(e) => updateAttributes({ sourceLine: e.currentTarget.value })} />
      </figcaption>
    </NodeViewWrapper>
  );
}
