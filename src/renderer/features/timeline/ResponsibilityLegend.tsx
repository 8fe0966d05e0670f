import { RESPONSIBILITY_MARKS } from './chartItems';

/** What the marks before event titles mean (the timeline's responsibility legend). */
export function ResponsibilityLegend() {
  return (
    <ul className="cf-tl-legend" aria-label="Responsibility legend">
      {Object.entries(RESPONSIBILITY_MARKS).map(([kind, { mark, words }]) => (
        <li key={kind}>
          <span className="cf-tl-legend-mark" aria-hidden="true">
            {mark}
          </span>{' '}
          {words}
        </li>
      ))}
      <li>no mark: no one has claimed it, attributed it or is suspected of it (or only denials)</li>
    </ul>
  );
}
