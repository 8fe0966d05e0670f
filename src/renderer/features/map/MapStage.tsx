import { useEffect, useMemo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import Supercluster from 'supercluster';
import { countryName } from '../../../shared/analytics/map-presets';
import { estimate, exact } from '../../../shared/analytics/map-text';
import type { MapPlace } from '../../../shared/analytics/world-map';
import type { Shape } from './map-shapes';
import { centreOn, clusterZoom, panBy, scaleForZoom, STAGE, toScreen, visibleBounds, zoomAt, type View } from './viewport';

/** A shaded admin-1 area: its shape, exact events, the spread share (estimate) and its fill. */
export interface ShadedArea extends Shape {
  events: number;
  spread: number;
  /** Its fill as written into exports (the light palette)… */
  fill: string;
  /** …and its class in the legend (0: none), which the page's CSS shades for the current theme. */
  shade: number;
}

interface MapStageProps {
  title: string;
  countries: Shape[];
  areas: ShadedArea[];
  places: MapPlace[];
  view: View;
  onView: (view: View) => void;
  /** Keyboard "0": back to the preset's (or the data's) fit. */
  onFit: () => void;
}

type PlaceProps = { events: number };
type ClusterProps = PlaceProps & { cluster?: boolean; cluster_id?: number; point_count?: number };

/** Clusters of places, recomputed for each zoom level (supercluster), with the events they hold summed. */
function useClusters(places: MapPlace[]) {
  return useMemo(() => {
    const index = new Supercluster<PlaceProps, PlaceProps>({ radius: 48, maxZoom: 16, map: (p) => ({ events: p.events }), reduce: (acc, p) => void (acc.events += p.events) });
    index.load(places.map((p) => ({ type: 'Feature', properties: { events: p.events }, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } })));
    return index;
  }, [places]);
}

const PAN_STEP = 80;

/** The map: shapes moved by the view's transform, clusters drawn at screen size; wheel, drag and keys move the view. */
export function MapStage({ title, countries, areas, places, view, onView, onFit }: MapStageProps) {
  const svg = useRef<SVGSVGElement>(null);
  const latest = useRef(view);
  latest.current = view;
  const index = useClusters(places);
  const zoom = clusterZoom(view);
  const clusters = useMemo(() => index.getClusters(visibleBounds(view), zoom) as { properties: ClusterProps; geometry: { coordinates: number[] } }[], [index, view, zoom]);

  /** A pointer's position in the stage's units. */
  const stagePoint = (clientX: number, clientY: number): [number, number] => {
    // Through the SVG's own transform: the stage keeps its aspect ratio inside a wider box.
    const toStage = svg.current!.getScreenCTM()?.inverse();
    const p = new DOMPoint(clientX, clientY).matrixTransform(toStage);
    return [p.x, p.y];
  };

  useEffect(() => {
    const element = svg.current;
    if (!element) return;
    // Not React's onWheel: that listener is passive and cannot keep the page from scrolling.
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      onView(zoomAt(latest.current, Math.exp(-e.deltaY * 0.0015), stagePoint(e.clientX, e.clientY)));
    };
    element.addEventListener('wheel', wheel, { passive: false });
    return () => element.removeEventListener('wheel', wheel);
  }, [onView]);

  const drag = useRef<{ id: number; x: number; y: number; moved: boolean } | null>(null);
  const down = (e: PointerEvent<SVGSVGElement>) => {
    if (e.button === 0) drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY, moved: false };
  };
  const move = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    // A press that moves less than 4 px stays a click (on a cluster, say).
    if (!d.moved && Math.hypot(e.clientX - d.x, e.clientY - d.y) < 4) return;
    if (!d.moved) svg.current?.setPointerCapture(e.pointerId);
    const [ax, ay] = stagePoint(d.x, d.y);
    const [bx, by] = stagePoint(e.clientX, e.clientY);
    d.moved = true;
    d.x = e.clientX;
    d.y = e.clientY;
    onView(panBy(latest.current, bx - ax, by - ay));
  };
  const up = (e: PointerEvent<SVGSVGElement>) => {
    if (drag.current?.moved) svg.current?.releasePointerCapture(e.pointerId);
    drag.current = null;
  };

  const keys = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, () => View> = {
      ArrowLeft: () => panBy(view, PAN_STEP, 0),
      ArrowRight: () => panBy(view, -PAN_STEP, 0),
      ArrowUp: () => panBy(view, 0, PAN_STEP),
      ArrowDown: () => panBy(view, 0, -PAN_STEP),
      '+': () => zoomAt(view, 2),
      '=': () => zoomAt(view, 2),
      '-': () => zoomAt(view, 0.5),
    };
    if (e.target !== e.currentTarget) return;
    if (e.key === '0') onFit();
    else if (moves[e.key]) onView(moves[e.key]!());
    else return;
    e.preventDefault();
  };

  const expand = (id: number, lon: number, lat: number) => onView(centreOn(lon, lat, Math.max(scaleForZoom(Math.min(index.getClusterExpansionZoom(id), 17)), view.k * 2)));

  return (
    <div className="cf-map-stage" tabIndex={0} role="application" aria-roledescription="map" aria-label={`${title}. Arrow keys pan, + and - zoom, 0 fits the view.`} onKeyDown={keys}>
      <svg ref={svg} className="cf-map-svg" viewBox={`0 0 ${STAGE.width} ${STAGE.height}`} role="group" aria-label={title} data-k={view.k.toFixed(3)} onPointerDown={down} onPointerMove={move} onPointerUp={up} onPointerCancel={up}>
        <g transform={`translate(${view.x} ${view.y}) scale(${view.k})`}>
          {countries.map((c) => (
            <path key={c.country || c.name} className="cf-map-land" d={c.d} fill="#f6f7f9" stroke="#8f99a8" strokeWidth={0.6} vectorEffect="non-scaling-stroke" data-country={c.country}>
              <title>{c.name}</title>
            </path>
          ))}
          {areas.map((a, i) => (
            <path key={`${a.country}:${a.name}:${i}`} className={`cf-map-area cf-shade-${a.shade}`} d={a.d} fill={a.fill} stroke="#5f6b7c" strokeWidth={0.4} vectorEffect="non-scaling-stroke" data-region={a.name} data-country={a.country} data-count={a.events}>
              <title>{`${a.name} (${countryName(a.country)}): ${exact(a.events)} event${a.events === 1 ? '' : 's'}${a.spread > 0 ? ` + ${estimate(a.spread)} estimated share of events known only to the country` : ''}`}</title>
            </path>
          ))}
        </g>
        <g>
          {clusters.map((c) => {
            const [lon, lat] = c.geometry.coordinates as [number, number];
            const [x, y] = toScreen(view, lon, lat);
            const events = c.properties.events;
            if (!c.properties.cluster) {
              return (
                <circle key={`p${lon},${lat}`} className="cf-map-point" cx={x} cy={y} r={3 + Math.log2(events)} data-count={events} fill="#D55E00" fillOpacity={0.9} stroke="#fff" strokeWidth={1}>
                  <title>{`${exact(events)} event${events === 1 ? '' : 's'} at ${lat.toFixed(4)}, ${lon.toFixed(4)}`}</title>
                </circle>
              );
            }
            const id = c.properties.cluster_id!;
            const label = `Cluster of ${exact(c.properties.point_count!)} places with ${exact(events)} events; zoom in`;
            return (
              <g key={`c${id}`} className="cf-map-cluster" role="button" tabIndex={0} aria-label={label} data-events={events} transform={`translate(${x} ${y})`} onClick={() => expand(id, lon, lat)} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), expand(id, lon, lat))}>
                <title>{label}</title>
                <circle r={11 + 2.5 * Math.log2(events)} fill="#9c4000" stroke="#fff" strokeWidth={1.5} />
                <text textAnchor="middle" dy="0.35em" fontSize={11} fontWeight={600} fill="#fff" pointerEvents="none">
                  {exact(events)}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
    </div>
  );
}
