import { Button, ButtonGroup, FormGroup, HTMLSelect, Section, SectionCard } from '@blueprintjs/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { BOUNDARY_ATTRIBUTION } from '../../../shared/analytics/boundaries';
import type { ImprecisionPolicy } from '../../../shared/analytics/imprecision';
import { mapPresets, type MapPreset } from '../../../shared/analytics/map-presets';
import { choroplethClass, choroplethClasses, mapGroupsNote } from '../../../shared/analytics/map-text';
import type { WorldMapData } from '../../../shared/analytics/world-map';
import { LoadState } from '../../components/LoadState';
import '../analytics/analytics.css';
import { PolicySelect } from '../analytics/ChartControls';
import { ExportButtons } from '../analytics/ExportButtons';
import { useCaseCall } from '../filters/useCaseCall';
import { useEventFilter } from '../filters/useEventFilter';
import './map.css';
import { CHOROPLETH_FILLS, MapLegend } from './MapLegend';
import { admin1Shapes, countryBounds, worldOutlines, type Shape } from './map-shapes';
import { MapStage, type ShadedArea } from './MapStage';
import { MapTables } from './MapTables';
import { fitView, worldView, zoomAt, type View } from './viewport';

/** Countries whose admin-1 shapes are loaded at most (those with the most events): never the whole world at once. */
const ADMIN1_COUNTRY_LIMIT = 40;

/**
 * The world map of the events the shared filters select: admin-1 areas shaded by events for
 * every country in the data, places with coordinates clustered, pan and zoom, and presets made
 * from the data. Main counts (analytics:world-map); the view loads shapes and draws.
 */
export function MapView() {
  const { filter } = useEventFilter();
  const [policy, setPolicy] = useState<ImprecisionPolicy>('exclude');
  const loaded = useCaseCall('analytics:world-map', { filter, policy }, JSON.stringify([filter, policy]));
  return (
    <div className="cf-analytics">
      <LoadState loadable={loaded} what="the map">
        {(data) => <MapBoard data={data} policy={policy} onPolicy={setPolicy} />}
      </LoadState>
    </div>
  );
}

function presetView(preset: MapPreset | undefined, data: WorldMapData): View {
  if (!preset || preset.id === 'world') return worldView();
  if (preset.id === 'fit') return data.bounds ? fitView(data.bounds) : worldView();
  const boxes = preset.countries.map(countryBounds).filter((b): b is [number, number, number, number] => b !== null);
  if (boxes.length === 0) return worldView();
  return fitView([Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))]);
}

/** Admin-1 shapes of the countries with the most events, loaded as they arrive. */
function useAdmin1(countries: string[]): Shape[] {
  const [loaded, setLoaded] = useState<Map<string, Shape[]>>(new Map());
  const key = countries.join(',');
  useEffect(() => {
    let live = true;
    for (const code of countries) {
      void admin1Shapes(code)
        .then((shapes) => live && setLoaded((m) => (m.has(code) ? m : new Map(m).set(code, shapes))))
        // Without the file the country stays an outline; the tables still hold its numbers.
        .catch(() => undefined);
    }
    return () => {
      live = false;
    };
    // `key` stands for the list's contents: a new array with the same countries loads nothing.
  }, [key]);
  return useMemo(() => countries.flatMap((c) => loaded.get(c) ?? []), [loaded, key]);
}

function MapBoard({ data, policy, onPolicy }: { data: WorldMapData; policy: ImprecisionPolicy; onPolicy: (p: ImprecisionPolicy) => void }) {
  const world = worldOutlines();
  const presets = useMemo(() => mapPresets(data.countries, (c) => world.neighbours.get(c) ?? []), [data.countries, world]);
  const [presetId, setPresetId] = useState('fit');
  const preset = presets.find((p) => p.id === presetId) ?? presets[0];
  const [view, setView] = useState<View>(() => presetView(preset, data));
  const fit = useCallback(() => setView(presetView(preset, data)), [preset, data]);
  // New numbers (another filter or policy) refit the view to the preset.
  useEffect(fit, [data]);

  const shapes = useAdmin1(data.countries.slice(0, ADMIN1_COUNTRY_LIMIT).map((c) => c.country));
  const classes = useMemo(() => choroplethClasses(Math.max(0, ...data.areas.map((a) => a.events + a.spread))), [data.areas]);
  const areas = useMemo(() => {
    const byKey = new Map(data.areas.map((a) => [a.key, a]));
    return shapes.map((s): ShadedArea => {
      const a = byKey.get(s.key);
      const value = a ? a.events + a.spread : 0;
      const shade = choroplethClass(value, classes) + 1;
      return { ...s, events: a?.events ?? 0, spread: a?.spread ?? 0, fill: CHOROPLETH_FILLS[shade]!, shade };
    });
  }, [shapes, data.areas, classes]);

  const title = `Events by admin-1 area: ${preset?.label ?? 'Fit to data'}`;
  const exportSvg = () => {
    const element = document.querySelector('.cf-map-stage .cf-map-svg')!.cloneNode(true) as SVGSVGElement;
    element.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    element.setAttribute('width', '960');
    element.setAttribute('height', '560');
    const sea = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    for (const [name, value] of [['width', '960'], ['height', '560'], ['fill', '#dfe9f2']]) sea.setAttribute(name!, value!);
    element.prepend(sea);
    return { svg: element.outerHTML, width: 960, height: 560 };
  };
  return (
    <>
      <div className="cf-analytics-toolbar">
        <FormGroup label="Map" inline>
          <HTMLSelect
            aria-label="Map"
            value={preset?.id}
            onChange={(e) => {
              const next = presets.find((p) => p.id === e.currentTarget.value);
              setPresetId(e.currentTarget.value);
              setView(presetView(next, data));
            }}
            options={presets.map((p) => ({ value: p.id, label: p.id === 'fit' || p.id === 'world' ? p.label : `${p.label} (${p.events} events)` }))}
          />
        </FormGroup>
        <ButtonGroup>
          <Button icon="zoom-in" aria-label="Zoom in" title="Zoom in (+)" onClick={() => setView((v) => zoomAt(v, 2))} />
          <Button icon="zoom-out" aria-label="Zoom out" title="Zoom out (-)" onClick={() => setView((v) => zoomAt(v, 0.5))} />
          <Button icon="zoom-to-fit" text="Fit to data" title="Show every filtered event (0 fits the chosen view)" onClick={() => (setPresetId('fit'), setView(presetView(presets[0], data)))} />
        </ButtonGroup>
        <PolicySelect value={policy} onChange={onPolicy} />
      </div>
      <div className="cf-board" style={{ gridTemplateColumns: '1fr' }}>
        <Section title={title} compact className="cf-card" rightElement={<ExportButtons title={title} svg={exportSvg} />}>
          <SectionCard padded={false}>
            <MapStage title={title} countries={world.countries} areas={areas} places={data.places} view={view} onView={setView} onFit={fit} />
          </SectionCard>
          <SectionCard>
            <MapLegend classes={classes} spread={data.groups.spreadEvents > 0} />
            <p className="cf-muted cf-note cf-coverage">{mapGroupsNote(data.groups, policy)}</p>
            {data.countries.length > ADMIN1_COUNTRY_LIMIT && <p className="cf-muted cf-note">Admin-1 areas are drawn for the {ADMIN1_COUNTRY_LIMIT} countries with the most events; the tables hold every country.</p>}
            <p className="cf-muted cf-note">{BOUNDARY_ATTRIBUTION}</p>
          </SectionCard>
        </Section>
        <MapTables data={data} />
      </div>
    </>
  );
}

/** The report preview draws a report's map (shared/analytics/map-model.ts) with this. */
export { MapDrawing } from './MapDrawing';
