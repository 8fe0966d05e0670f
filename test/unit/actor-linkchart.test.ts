import { describe, expect, it } from 'vitest';
import { linkChartGraph, relationshipValidAt } from '../../src/shared/domain/link-chart';
import { chartSvg } from '../../src/renderer/features/linkchart/svg';
import { partialDate } from '../../src/shared/domain/partial-date';
import type { Relationship } from '../../src/shared/domain/relationship';
import { plainActor, plainEvent } from '../helpers/records';

const rel = (id: string, source: string, target: string, from?: string, to?: string): Relationship => ({
  id,
  type: 'member-of',
  sourceActorId: source,
  targetActorId: target,
  confidence: 'medium',
  marking: 'TLP:CLEAR',
  citations: [],
  ...(from ? { from: partialDate(from) } : {}),
  ...(to ? { to: partialDate(to) } : {}),
});

const actors = [plainActor('actor--isk', 'ISK'), plainActor('actor--ttp', 'TTP'), plainActor('actor--cmdr', 'Commander', { kind: 'person' }), plainActor('actor--red', 'Secret', { marking: 'TLP:RED' })];
const relationships = [rel('relationship--1', 'actor--cmdr', 'actor--ttp', '2010', '2014-10'), rel('relationship--2', 'actor--cmdr', 'actor--isk', '2014-10'), rel('relationship--3', 'actor--red', 'actor--isk')];
const events = [plainEvent('event--1', 'Attack', { responsibility: [{ id: 'claim--1', actorId: 'actor--isk', kind: 'claimed', confidence: 'high', citations: [] }] })];

describe('link chart graph', () => {
  it('keeps relationships in force at the as-of date, with partial dates read as spans', () => {
    expect(relationshipValidAt(relationships[0] as Relationship, partialDate('2012'))).toBe(true);
    expect(relationshipValidAt(relationships[0] as Relationship, partialDate('2015'))).toBe(false);
    // October 2014: the commander left TTP and joined ISK within that month, so both hold.
    expect(relationshipValidAt(relationships[0] as Relationship, partialDate('2014-10'))).toBe(true);
    expect(relationshipValidAt(relationships[1] as Relationship, partialDate('2014-10'))).toBe(true);
    expect(relationshipValidAt(relationships[1] as Relationship, partialDate('2014-09-30'))).toBe(false);
    const at2016 = linkChartGraph({ actors, relationships, events, filter: {}, asOf: partialDate('2016'), includeNeighbours: true });
    expect(at2016.edges.map((e) => e.id)).toEqual(['relationship--2', 'relationship--3']);
    expect(at2016.nodes).toHaveLength(4);
  });

  it('applies the shared filters: actors of matching events, their neighbours, and the marking cap', () => {
    const filtered = linkChartGraph({ actors, relationships, events, filter: { categories: ['attack'], maxMarking: 'TLP:AMBER' }, asOf: null, includeNeighbours: true });
    expect(filtered.nodes.map((n) => n.id).sort()).toEqual(['actor--cmdr', 'actor--isk']);
    expect(filtered.edges.map((e) => e.id)).toEqual(['relationship--2']);
    const alone = linkChartGraph({ actors, relationships, events, filter: { categories: ['attack'] }, asOf: null, includeNeighbours: false });
    expect(alone.nodes.map((n) => n.id)).toEqual(['actor--isk']);
    const none = linkChartGraph({ actors, relationships, events, filter: { categories: ['arrest'] }, asOf: null, includeNeighbours: true });
    expect(none.nodes).toEqual([]);
  });

  it('includes the targets and participants of matching events', () => {
    const raid = plainEvent('event--2', 'Raid', { category: 'counter-operation', participants: [{ actorId: 'actor--ttp', role: 'target', citations: [] }] });
    const graph = linkChartGraph({ actors, relationships, events: [...events, raid], filter: { categories: ['counter-operation'] }, asOf: null, includeNeighbours: false });
    expect(graph.nodes.map((n) => n.id)).toEqual(['actor--ttp']);
  });

  it('exports SVG with names as escaped text, never markup', () => {
    const svg = chartSvg(
      [
        { id: 'a', label: '<script>alert(1)</script> & co', kind: 'person', x: 0, y: 0 },
        { id: 'b', label: 'ولاية خراسان', kind: 'organisation', x: 100, y: 50 },
      ],
      [{ source: 'a', target: 'b', label: 'Member of' }],
      'Chart "as of" 2016',
    );
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(svg).toContain('<title>Chart &quot;as of&quot; 2016</title>');
    expect(svg).toMatch(/direction="rtl" unicode-bidi="isolate">ولاية خراسان</);
    expect(svg.match(/<line /g)).toHaveLength(1);
  });
});
