import { FormGroup, HTMLSelect, Section, SectionCard } from '@blueprintjs/core';
import { useState } from 'react';
import { coverageNote, type ImprecisionPolicy } from '../../../shared/analytics/imprecision';
import { fillFor, MAP_SCOPE_LABELS, MAP_SCOPES, type MapModel, type MapScope } from '../../../shared/analytics/map-model';
import { dotRadius, mapSvg } from '../../../shared/analytics/svg';
import { LoadState } from '../../components/LoadState';
import '../analytics/analytics.css';
import { PolicySelect } from '../analytics/ChartControls';
import { ExportButtons } from '../analytics/ExportButtons';
import { useCaseCall } from '../filters/useCaseCall';
import { useEventFilter } from '../filters/useEventFilter';

/**
 * The offline map: events as points over provinces (Afghanistan, Pakistan) or countries shaded
 * by event count. Main counts the events the shared filters select (analytics:map); the view draws.
 */
export function MapView() {
  const { filter } = useEventFilter();
  const [scope, setScope] = useState<MapScope>('af-pk');
  const [policy, setPolicy] = useState<ImprecisionPolicy>('exclude');
  const loaded = useCaseCall('analytics:map', { filter, scope, policy }, JSON.stringify([filter, scope, policy]));
  return (
    <div className="cf-analytics">
      <div className="cf-analytics-toolbar">
        <FormGroup label="Map" inline>
          <HTMLSelect aria-label="Map" value={scope} onChange={(e) => setScope(e.currentTarget.value as MapScope)} options={MAP_SCOPES.map((s) => ({ value: s, label: MAP_SCOPE_LABELS[s] }))} />
        </FormGroup>
        <PolicySelect value={policy} onChange={setPolicy} />
      </div>
      <LoadState loadable={loaded} what="the map">
        {(map) => <MapBoard map={map} />}
      </LoadState>
    </div>
  );
}

function MapBoard({ map }: { map: MapModel }) {
  return (
    <div className="cf-board" style={{ gridTemplateColumns: '1fr' }}>
      <Section title={map.title} compact className="cf-card" rightElement={<ExportButtons title={map.title} svg={() => ({ svg: mapSvg(map), width: map.width, height: map.height + 56 })} />}>
        <SectionCard padded={false}>
          <MapDrawing map={map} />
        </SectionCard>
        <SectionCard>
          <Legend max={map.max} />
          <p className="cf-muted cf-note cf-coverage">
            {coverageNote(map.coverage)} {map.points.length} place(s) with known coordinates drawn as dots, larger for more events
            {map.hiddenPoints ? `; ${map.hiddenPoints} place(s) with fewer events not drawn` : ''}.
          </p>
          <p className="cf-muted cf-note">{map.attribution}</p>
        </SectionCard>
      </Section>
    </div>
  );
}

interface MapDrawingProps {
  /** The projected map. */
  map: MapModel;
}

/** The map as SVG elements; names and counts in each shape's tooltip. */
export function MapDrawing({ map }: MapDrawingProps) {
  return (
    <svg className="cf-map-svg" viewBox={`0 0 ${map.width} ${map.height}`} role="img" aria-label={map.title}>
      <g>
        {map.regions.map((r, i) => (
          <path key={`${r.key}-${i}`} d={r.d} fill={r.fill} stroke="#5f6b7c" strokeWidth={0.5} data-region={r.name} data-count={r.count}>
            <title>{`${r.name}: ${r.count}`}</title>
          </path>
        ))}
      </g>
      <g>
        {map.points.map((p, i) => (
          <circle key={i} cx={p.x} cy={p.y} r={dotRadius(p.count)} data-count={p.count} fill="#D55E00" fillOpacity={0.85} stroke="#fff" strokeWidth={0.5} className="cf-map-point">
            <title>{p.title}</title>
          </circle>
        ))}
      </g>
    </svg>
  );
}

function Legend({ max }: { max: number }) {
  const steps = [0, 0.2, 0.4, 0.6, 0.8, 1].map((f) => Math.round(f * max * 10) / 10);
  return (
    <div className="cf-map-legend" aria-label="Legend: events per region">
      Events per region:
      {steps.map((v, i) => (
        <span key={i} style={{ background: fillFor(v, max) }} title={String(v)} />
      ))}
      {`0 – ${max}`}
    </div>
  );
}
