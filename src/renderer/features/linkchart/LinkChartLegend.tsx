import type { ChartGraph } from '../../../shared/domain/link-chart';
import { RELATIONSHIP_FAMILY_NAMES, relationshipPhrases, type RelationshipFamily } from '../../../shared/domain/relationship-phrases';
import { humanize } from '../../components/format';
import { FAMILY_LINES } from './chart-style';
import { KIND_COLOURS } from './svg';

const DASHES: Record<string, string | undefined> = { solid: undefined, dashed: '5 3', dotted: '1.5 2.5' };

/**
 * What the chart's colours and lines mean: the actor kinds and the relationship types it draws, each
 * with its count, types grouped by family (one line style each). Arrows run from the actor that
 * acts ("Leader of", "Member of") to the other.
 */
export function LinkChartLegend({ graph }: { graph: ChartGraph }) {
  const kinds = countBy(graph.nodes.map((n) => n.kind));
  const types = countBy(graph.edges.map((e) => e.type));
  const families = new Map<RelationshipFamily, Array<[string, number]>>();
  for (const [type, count] of types) {
    const family = relationshipPhrases(type).family;
    families.set(family, [...(families.get(family) ?? []), [type, count]]);
  }
  return (
    <aside className="cf-linkchart-legend" aria-label="Link chart legend" tabIndex={0}>
      <h3>Actors</h3>
      <ul>
        {[...kinds].map(([kind, count]) => (
          <li key={kind}>
            <svg width="14" height="14" aria-hidden="true">
              <circle cx="7" cy="7" r="6" fill={KIND_COLOURS[kind] ?? '#5f6b7c'} />
            </svg>{' '}
            {humanize(kind)} <span className="cf-legend-count">{count}</span>
          </li>
        ))}
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <circle cx="7" cy="7" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeDasharray="2 1.5" />
          </svg>{' '}
          Has neighbours not shown (E or right-click shows them)
        </li>
      </ul>
      <h3>Relationships (arrow: from the actor that acts)</h3>
      {families.size === 0 && <p>None in view.</p>}
      {[...families].map(([family, list]) => (
        <div key={family}>
          <p className="cf-legend-family">
            <svg width="28" height="10" aria-hidden="true">
              <line x1="1" y1="5" x2="27" y2="5" stroke={FAMILY_LINES[family].colour} strokeWidth="2" strokeDasharray={DASHES[FAMILY_LINES[family].dash]} />
            </svg>{' '}
            {RELATIONSHIP_FAMILY_NAMES[family]}
          </p>
          <ul>
            {list.map(([type, count]) => (
              <li key={type}>
                {relationshipPhrases(type).active} <span className="cf-legend-count">{count}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </aside>
  );
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return new Map([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}
