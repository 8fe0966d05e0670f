import { Button, Checkbox, Classes, InputGroup, Intent, Tag } from '@blueprintjs/core';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ChartGraph } from '../../../shared/domain/link-chart';
import { showError } from '../../app/toaster';
import { useCaseCall } from '../filters/useCaseCall';
import { useEventFilter } from '../filters/useEventFilter';
import { parseDateField } from '../actors/actorDraft';
import { downloadBlob } from './download';
import { LinkChartCanvas, type LinkChartHandle } from './LinkChartCanvas';
import './linkchart.css';

export interface LinkChartProps {
  /** Opens an actor's profile. */
  onOpen(id: string): void;
}

const NO_GRAPH: ChartGraph & { totalNodes: number; totalEdges: number } = { nodes: [], edges: [], totalNodes: 0, totalEdges: 0 };

/**
 * Actors and relationships as a network, filtered by the shared filters and by an "as of" date
 * (only relationships in force then), exportable as SVG and PNG. Click a node to open its profile.
 * Main works out the graph and cuts it to what a chart can lay out (the best-connected actors).
 */
export function LinkChart({ onOpen }: LinkChartProps) {
  const { filter } = useEventFilter();
  const [asOfText, setAsOfText] = useState('');
  const [neighbours, setNeighbours] = useState(true);
  const [layoutMs, setLayoutMs] = useState<number | null>(null);
  const chart = useRef<LinkChartHandle>(null);
  const asOf = useMemo(() => parseDateField(asOfText), [asOfText]);
  const asOfDate = asOf !== null && typeof asOf !== 'string' ? asOf : null;
  const request = { filter, includeNeighbours: neighbours, ...(asOfDate ? { asOf: asOfDate } : {}) };
  const loaded = useCaseCall('actors:link-chart', request, JSON.stringify(request));
  const answer = loaded.state === 'ready' ? loaded.value : NO_GRAPH;
  const graph = useMemo(() => ({ nodes: answer.nodes, edges: answer.edges }), [answer]);
  const filtered = Object.keys(filter).length > 0;
  const fileBase = `link-chart${asOfDate ? `-as-of-${asOfDate.value}` : ''}`;
  const onLaidOut = useCallback((ms: number) => setLayoutMs(ms), []);

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
        <InputGroup
          leftIcon="calendar"
          placeholder="As of (2021, 2021-08…)"
          aria-label="As of date"
          value={asOfText}
          onValueChange={setAsOfText}
          intent={typeof asOf === 'string' ? Intent.DANGER : Intent.NONE}
          title={typeof asOf === 'string' ? asOf : 'Show only relationships in force on this date'}
          className="cf-asof"
        />
        <Checkbox label="Neighbours of filtered actors" checked={neighbours} disabled={!filtered} onChange={(e) => setNeighbours(e.currentTarget.checked)} />
        {filtered && (
          <Tag minimal intent={Intent.PRIMARY} icon="filter">
            Shared filters apply
          </Tag>
        )}
        <span className={Classes.TEXT_MUTED} aria-live="polite">
          {graph.nodes.length} actors · {graph.edges.length} relationships
          {answer.totalNodes > graph.nodes.length ? ` (the best connected of ${answer.totalNodes} actors; filter to see others)` : ''}
          {layoutMs !== null ? ` · laid out in ${Math.round(layoutMs)} ms` : ''}
        </span>
        <span className="cf-spacer" />
        <Button icon="zoom-to-fit" text="Fit" onClick={() => chart.current?.fit()} />
        <Button icon="export" text="Export SVG" onClick={exportSvg} disabled={graph.nodes.length === 0} />
        <Button icon="media" text="Export PNG" onClick={() => void exportPng()} disabled={graph.nodes.length === 0} />
      </div>
      <LinkChartCanvas ref={chart} graph={graph} onOpen={onOpen} onLaidOut={onLaidOut} />
      <details className="cf-linkchart-list">
        <summary>Actors in the chart (keyboard access)</summary>
        <ul aria-label="Actors in the chart">
          {graph.nodes.slice(0, 500).map((n) => (
            <li key={n.id}>
              <button type="button" className="cf-link-button" onClick={() => onOpen(n.id)}>
                <bdi dir="auto">{n.label}</bdi>
              </button>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
