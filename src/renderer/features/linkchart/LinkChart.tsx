import { Button, Checkbox, Classes, InputGroup, Intent, Tag } from '@blueprintjs/core';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ChartGraph } from '../../../shared/domain/link-chart';
import { showError } from '../../app/toaster';
import { useCaseCall } from '../filters/useCaseCall';
import { useEventFilter } from '../filters/useEventFilter';
import { parseDateField } from '../actors/actorDraft';
import { downloadBlob } from './download';
import { FocusPicker } from './FocusPicker';
import { LinkChartCanvas, type LinkChartHandle } from './LinkChartCanvas';
import { LinkChartLegend } from './LinkChartLegend';
import './linkchart.css';

export interface LinkChartProps {
  /** Opens an actor's profile. */
  onOpen(id: string): void;
}

const NO_GRAPH: ChartGraph & { totalNodes: number; totalEdges: number } = { nodes: [], edges: [], totalNodes: 0, totalEdges: 0 };

/** Where the chart starts from: the filters' selection, or one actor's network; plus the actors expanded since. */
interface Scope {
  focus: { id: string; name: string } | null;
  expanded: string[];
}

/**
 * Actors and relationships as a network, filtered by the shared filters and by an "as of" date
 * (only relationships in force then), exportable as SVG and PNG. The chart starts from the
 * filters' selection or from one focus actor with its neighbours, and grows as the analyst
 * expands actors. Click a node to open its profile; right-click or E shows its neighbours.
 * Main works out the graph and cuts it to what a chart can lay out (the best-connected actors).
 */
export function LinkChart({ onOpen }: LinkChartProps) {
  const { filter } = useEventFilter();
  const [asOfText, setAsOfText] = useState('');
  const [neighbours, setNeighbours] = useState(true);
  const [labelAll, setLabelAll] = useState(false);
  const [scope, setScope] = useState<Scope>({ focus: null, expanded: [] });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [layoutMs, setLayoutMs] = useState<number | null>(null);
  const chart = useRef<LinkChartHandle>(null);
  const asOf = useMemo(() => parseDateField(asOfText), [asOfText]);
  const asOfDate = asOf !== null && typeof asOf !== 'string' ? asOf : null;
  const expand = scope.focus ? [scope.focus.id, ...scope.expanded] : scope.expanded;
  const request = { filter, includeNeighbours: neighbours, ...(asOfDate ? { asOf: asOfDate } : {}), ...(expand.length > 0 ? { expand, focusOnly: scope.focus !== null } : {}) };
  const loaded = useCaseCall('actors:link-chart', request, JSON.stringify(request));
  const answer = loaded.state === 'ready' ? loaded.value : NO_GRAPH;
  const graph = useMemo(() => ({ nodes: answer.nodes, edges: answer.edges }), [answer]);
  const selected = graph.nodes.find((n) => n.id === selectedId) ?? null;
  const filtered = Object.keys(filter).length > 0;
  const fileBase = `link-chart${asOfDate ? `-as-of-${asOfDate.value}` : ''}`;
  const onLaidOut = useCallback((ms: number) => setLayoutMs(ms), []);
  const expandNode = useCallback((id: string) => setScope((s) => (s.focus?.id === id || s.expanded.includes(id) ? s : { ...s, expanded: [...s.expanded, id] })), []);
  const focusOn = (id: string, name: string) => setScope({ focus: { id, name }, expanded: [] });

  const exportSvg = () => {
    const svg = chart.current?.svg(`Link chart${asOfDate ? ` as of ${asOfDate.value}` : ''}`);
    if (svg) downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), `${fileBase}.svg`);
  };
  const exportPng = async () => {
    try {
      const png = await chart.current?.png();
      if (png) downloadBlob(png, `${fileBase}.png`);
    } catch (error) {
      showError('Exporting the chart as PNG', { code: 'INTERNAL', message: (error as Error).message });
    }
  };

  return (
    <div className="cf-linkchart">
      <div className="cf-toolbar cf-linkchart-toolbar">
        <FocusPicker onFocus={focusOn} maxMarking={filter.maxMarking} />
        <InputGroup
          leftIcon="calendar"
          placeholder="As of (year or year-month)"
          aria-label="As of date"
          value={asOfText}
          onValueChange={setAsOfText}
          intent={typeof asOf === 'string' ? Intent.DANGER : Intent.NONE}
          title={typeof asOf === 'string' ? asOf : 'Show only relationships in force on this date'}
          className="cf-asof"
        />
        <Checkbox label="Neighbours of filtered actors" checked={neighbours} disabled={!filtered || scope.focus !== null} onChange={(e) => setNeighbours(e.currentTarget.checked)} />
        <Checkbox label="Label every relationship" checked={labelAll} onChange={(e) => setLabelAll(e.currentTarget.checked)} />
        {filtered && scope.focus === null && (
          <Tag minimal intent={Intent.PRIMARY} icon="filter">
            Shared filters apply
          </Tag>
        )}
        {(scope.focus || scope.expanded.length > 0) && (
          <>
            <Tag minimal intent={Intent.PRIMARY} icon="locate">
              {scope.focus ? `Network of ${scope.focus.name}` : 'Filtered actors'}
              {scope.expanded.length > 0 ? `, ${scope.expanded.length} expanded` : ''}
            </Tag>
            <Button icon="reset" text="Whole network" onClick={() => setScope({ focus: null, expanded: [] })} />
          </>
        )}
        <span className={Classes.TEXT_MUTED} aria-live="polite">
          {graph.nodes.length} actors · {graph.edges.length} relationships
          {answer.totalNodes > graph.nodes.length ? ` (the best connected of ${answer.totalNodes} actors; filter or focus to see others)` : ''}
          {layoutMs !== null ? ` · laid out in ${Math.round(layoutMs)} ms` : ''}
        </span>
        <span className="cf-spacer" />
        <Button icon="zoom-to-fit" text="Fit" onClick={() => chart.current?.fit()} />
        <Button icon="export" text="Export SVG" onClick={exportSvg} disabled={graph.nodes.length === 0} />
        <Button icon="media" text="Export PNG" onClick={() => void exportPng()} disabled={graph.nodes.length === 0} />
      </div>
      <div className="cf-linkchart-selection" aria-live="polite">
        {selected ? (
          <>
            <span>
              Selected: <bdi dir="auto">{selected.label}</bdi>
              {selected.hidden ? ` · ${selected.hidden} neighbours not shown` : ''}
            </span>
            <Button size="small" icon="person" text="Open profile" onClick={() => onOpen(selected.id)} />
            <Button size="small" icon="layout-hierarchy" text="Show neighbours (E)" disabled={!selected.hidden} onClick={() => expandNode(selected.id)} />
            <Button size="small" icon="locate" text="Focus on this actor" onClick={() => focusOn(selected.id, selected.label)} />
          </>
        ) : (
          <span className={Classes.TEXT_MUTED}>Click an actor to open it; right-click, or select it with the arrow keys and press E, to show its neighbours.</span>
        )}
      </div>
      <div className="cf-linkchart-body">
        <LinkChartCanvas ref={chart} graph={graph} onOpen={onOpen} onExpand={expandNode} onSelect={setSelectedId} labelAllEdges={labelAll} onLaidOut={onLaidOut} />
        <LinkChartLegend graph={graph} />
      </div>
      <details className="cf-linkchart-list">
        <summary>Actors in the chart (keyboard access)</summary>
        <ul aria-label="Actors in the chart">
          {graph.nodes.slice(0, 500).map((n) => (
            <li key={n.id}>
              <button type="button" className="cf-link-button" onClick={() => onOpen(n.id)}>
                <bdi dir="auto">{n.label}</bdi>
              </button>{' '}
              <button type="button" className="cf-link-button" onClick={() => chart.current?.select(n.id)} aria-label={`Select ${n.label} in the chart`}>
                (select)
              </button>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
