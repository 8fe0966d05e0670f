import { describe, expect, it } from 'vitest';
import { capGraph, linkChartGraph } from '../../src/shared/domain/link-chart';
import type { Relationship } from '../../src/shared/domain/relationship';
import { plainActor } from '../helpers/records';

const rel = (id: string, source: string, target: string): Relationship => ({ id, type: 'member-of', sourceActorId: source, targetActorId: target, confidence: 'medium', marking: 'TLP:CLEAR', citations: [] });

/**
 * A network larger than the chart's actor limit is cut to its best connected actors. An actor
 * whose neighbours the cut left out must say so (its "hidden" count, which enables "Show
 * neighbours"), and expanding it must show them, whatever their degree.
 */
describe('link chart cut to its limit: expanding still shows the neighbours', () => {
  // Hub H with members m1..m3; a dense trio x, y, z that outranks the members.
  const actors = ['h', 'm1', 'm2', 'm3', 'x', 'y', 'z'].map((id) => plainActor(`actor--${id}`, id.toUpperCase()));
  const relationships = [
    rel('r1', 'actor--m1', 'actor--h'), rel('r2', 'actor--m2', 'actor--h'), rel('r3', 'actor--m3', 'actor--h'),
    rel('r4', 'actor--x', 'actor--y'), rel('r5', 'actor--y', 'actor--z'), rel('r6', 'actor--z', 'actor--x'),
    rel('r7', 'actor--x', 'actor--h'),
  ];
  const base = { actors, relationships, events: [], filter: {}, asOf: null, includeNeighbours: false };

  it('counts the neighbours the cut left out', () => {
    const chart = capGraph(linkChartGraph(base), 4, 100);
    const h = chart.nodes.find((n) => n.id === 'actor--h');
    expect(h).toBeDefined();
    const shownMembers = chart.nodes.filter((n) => n.id.startsWith('actor--m')).length;
    expect(h!.hidden ?? 0).toBe(3 - shownMembers);
  });

  it('shows an expanded actor’s neighbours', () => {
    const expand = ['actor--h'];
    const chart = capGraph(linkChartGraph({ ...base, expandedIds: expand }), 5, 100, new Set(expand));
    const ids = chart.nodes.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining(['actor--h', 'actor--m1', 'actor--m2', 'actor--m3']));
  });
});
