import { exact } from '../../../shared/analytics/map-text';

/**
 * No events, then the five classes (light to dark blue; readable on the map's white). Exports use
 * these; on screen map.css gives the same classes (`cf-shade-N`) for the light and the dark theme.
 */
export const CHOROPLETH_FILLS = ['#eef3f8', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];

/** What the shading and the dots mean, with each class's exact range of events. */
export function MapLegend({ classes, spread }: { classes: readonly number[]; spread: boolean }) {
  // Whole counts fall in whole ranges; with estimated shares a value may lie between them.
  const ranges = classes.map((upper, i) => {
    const previous = classes[i - 1];
    if (spread) return previous === undefined ? `up to ${exact(upper)}` : `over ${exact(previous)}, up to ${exact(upper)}`;
    const lower = previous === undefined ? 1 : previous + 1;
    return lower === upper ? exact(upper) : `${exact(lower)}–${exact(upper)}`;
  });
  return (
    <div className="cf-map-legend" role="group" aria-label="Legend">
      <span className="cf-map-legend-title">Events per admin-1 area{spread ? ' (with estimated shares)' : ''}:</span>
      <span className="cf-map-legend-item">
        <span className="cf-map-swatch cf-shade-0" />
        none
      </span>
      {ranges.map((label, i) => (
        <span className="cf-map-legend-item" key={label}>
          <span className={`cf-map-swatch cf-shade-${i + 1}`} />
          {label}
        </span>
      ))}
      <span className="cf-map-legend-item">
        <svg width="14" height="14" aria-hidden="true">
          <circle cx="7" cy="7" r="4" fill="#D55E00" stroke="#fff" className="cf-map-point" />
        </svg>
        a place with coordinates (larger: more events)
      </span>
      <span className="cf-map-legend-item">
        <svg width="22" height="22" aria-hidden="true">
          <circle cx="11" cy="11" r="10" fill="#9c4000" />
          <text x="11" y="11" dy="0.35em" textAnchor="middle" fontSize="9" fill="#fff">
            12
          </text>
        </svg>
        a cluster of nearby places: the number is its events; click it to zoom in
      </span>
    </div>
  );
}
