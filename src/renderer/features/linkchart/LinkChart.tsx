import { Button, Checkbox, Classes, InputGroup, Intent, Tag } from '@blueprintjs/core';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Actor } from '../../../shared/domain/actor';
import type { Event } from '../../../shared/domain/event';
import type { Relationship } from '../../../shared/domain/relationship';
import { showError } from '../../app/toaster';
import { useEventFilter } from '../filters/useEventFilter';
import { parseDateField } from '../actors/actorDraft';
import { downloadBlob } from './download';
import { linkChartGraph } from './graph';
import { LinkChartCanvas, type LinkChartHandle } from './LinkChartCanvas';
import './linkchart.css';

export interface LinkChartProps {
  /** Every actor of the case. */
  actors: readonly Actor[];
  /** Every relationship of the case. */
  relationships: readonly Relationship[];
  /** Every event of the case; the shared filters pick which count. */
  events: readonly Event[];
  /** Opens an actor's profile. */
  onOpen(id: string): void;
}

/**
 * Actors and relationships as a network, filtered by the shared filters and by an "as of" date
 * (only relationships in force then), exportable as SVG and PNG. Click a node to open its profile.
 */
export function LinkChart({ actors, relationships, events, onOpen }: LinkChartProps) {
  const { filter } = useEventFilter();
  const [asOfText, setAsOfText] = useState('');
  const [neighbours, setNeighbours] = useState(true);
  const [layoutMs, setLayoutMs] = useState<number | null>(null);
  const chart = useRef<LinkChartHandle>(null);
  const asOf = useMemo(() => parseDateField(asOfText), [asOfText]);
  const asOfDate = asOf !== null && typeof asOf !== 'string' ? asOf : null;
  const graph = useMemo(
    () => linkChartGraph({ actors, relationships, events, filter, asOf: asOfDate, includeNeighbours: neighbours }),
    [actors, relationships, events, filter, asOfDate, neighbours],
  );
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
          {graph.nodes.length} actors · {graph.edges.length} relationships{layoutMs !== null ? ` · laid out in ${Math.round(layoutMs)} ms` : ''}
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
