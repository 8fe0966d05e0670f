import { describe, expect, it } from 'vitest';
import { capGraph, linkChartGraph } from '../../src/shared/domain/link-chart';
import type { Relationship, RelationshipType } from '../../src/shared/domain/relationship';
import { relationshipPhraseFrom, relationshipPhrases } from '../../src/shared/domain/relationship-phrases';
import { RELATIONSHIP_TYPES } from '../../src/shared/domain/relationship';
import { plainActor } from '../helpers/records';

const rel = (id: string, source: string, target: string, type: RelationshipType = 'member-of', marking: Relationship['marking'] = 'TLP:CLEAR'): Relationship => ({
  id,
  type,
  sourceActorId: source,
  targetActorId: target,
  confidence: 'medium',
  marking,
  citations: [],
});

// A chain a — b — c — d, plus e hanging off b, and a TLP:RED actor next to a.
const actors = ['a', 'b', 'c', 'd', 'e'].map((x) => plainActor(`actor--${x}`, x.toUpperCase())).concat(plainActor('actor--red', 'Secret', { marking: 'TLP:RED' }));
const relationships = [rel('r1', 'actor--a', 'actor--b'), rel('r2', 'actor--b', 'actor--c'), rel('r3', 'actor--c', 'actor--d'), rel('r4', 'actor--e', 'actor--b'), rel('r5', 'actor--red', 'actor--a')];
const base = { actors, relationships, events: [], filter: {}, asOf: null, includeNeighbours: false };
const ids = (g: { nodes: Array<{ id: string }> }) => g.nodes.map((n) => n.id.replace('actor--', '')).sort();

describe('link chart: a focus actor and expanding on demand', () => {
  it('starts from the focus actor and its neighbours, and says how many neighbours each shown actor leaves out', () => {
    const focus = linkChartGraph({ ...base, expandedIds: ['actor--b'], focusOnly: true });
    expect(ids(focus)).toEqual(['a', 'b', 'c', 'e']);
    expect(focus.edges.map((e) => e.id).sort()).toEqual(['r1', 'r2', 'r4']);
    const hidden = Object.fromEntries(focus.nodes.map((n) => [n.id.replace('actor--', ''), n.hidden ?? 0]));
    expect(hidden).toEqual({ a: 1, b: 0, c: 1, e: 0 });
  });

  it('expanding a shown actor adds its neighbours', () => {
    const grown = linkChartGraph({ ...base, expandedIds: ['actor--b', 'actor--c'], focusOnly: true });
    expect(ids(grown)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(grown.nodes.find((n) => n.id === 'actor--c')?.hidden).toBeUndefined();
  });

  it('never shows or counts an actor above the marking cap', () => {
    const capped = linkChartGraph({ ...base, filter: { maxMarking: 'TLP:AMBER' }, expandedIds: ['actor--a'], focusOnly: true });
    expect(ids(capped)).toEqual(['a', 'b']);
    expect(capped.nodes.find((n) => n.id === 'actor--a')?.hidden).toBeUndefined();
  });

  it('keeps expanded actors when the chart is cut to the best connected', () => {
    const whole = linkChartGraph({ ...base });
    const cut = capGraph(whole, 2, 100, new Set(['actor--d']));
    expect(cut.nodes.map((n) => n.id)).toContain('actor--d');
    expect(capGraph(whole, 2, 100).nodes.map((n) => n.id)).not.toContain('actor--d');
  });
});

describe('relationship phrases', () => {
  it('read in their direction from either end', () => {
    const leads = { type: 'leader-of', sourceActorId: 'actor--godane', targetActorId: 'actor--group' };
    expect(relationshipPhraseFrom(leads, 'actor--godane')).toBe('leader of');
    expect(relationshipPhraseFrom(leads, 'actor--group')).toBe('led by');
    expect(relationshipPhraseFrom({ type: 'killed-by', sourceActorId: 'x' }, 'y')).toBe('killed');
  });

  it('give every built-in type its own active and passive phrase, never a bare "(from)"', () => {
    for (const type of RELATIONSHIP_TYPES) {
      const p = relationshipPhrases(type);
      expect(p.active, type).not.toMatch(/-|\(from\)/);
      expect(p.passive, type).not.toMatch(/-|\(from\)/);
      expect(p.family, type).not.toBe('other');
    }
  });

  it('use an analyst-defined type as written, with an arrow for the other end', () => {
    expect(relationshipPhrases('custom:funded by')).toEqual({ active: 'funded by', passive: '← funded by', family: 'other' });
  });
});
