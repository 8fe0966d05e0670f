import type { MapModel } from '../../../shared/analytics/map-model';
import { dotRadius } from '../../../shared/analytics/svg';

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
