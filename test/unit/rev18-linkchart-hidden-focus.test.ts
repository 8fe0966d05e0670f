import { describe, expect, it } from 'vitest';
import { CaseService } from '../../src/main/services/case-service';
import { CaseViews } from '../../src/main/services/views';
import type { Relationship } from '../../src/shared/domain/relationship';
import { plainActor, plainEvent } from '../helpers/records';
import { newCase } from '../helpers/store';

const rel = (id: string, source: string, target: string): Relationship => ({ id, type: 'member-of', sourceActorId: source, targetActorId: target, confidence: 'medium', marking: 'TLP:GREEN', citations: [] });

/**
 * A GREEN link chart must not show an AMBER actor's network: a relationship with an end above the
 * marking is above it too (as the exchange and report cuts treat it), so focusing on, expanding or
 * reaching the neighbours of an actor above the marking shows none of them.
 */
describe('link chart at a marking: neighbours of an actor above it', () => {
  async function caseWithHiddenHub() {
    const doc = newCase('Hidden hub');
    doc.actors.push(plainActor('actor--hub', 'Hidden hub', { marking: 'TLP:AMBER' }), plainActor('actor--m1', 'Member one'), plainActor('actor--m2', 'Member two'), plainActor('actor--other', 'Other'));
    doc.relationships.push(rel('rel--1', 'actor--m1', 'actor--hub'), rel('rel--2', 'actor--m2', 'actor--hub'));
    doc.events.push(plainEvent('event--1', 'Meeting', { marking: 'TLP:GREEN', participants: [{ actorId: 'actor--hub', role: 'participant', citations: [] }] }));
    return { doc, views: new CaseViews(new CaseService({ user: 't' })) };
  }

  it('focusing on or expanding an actor above the marking shows none of its neighbours', async () => {
    const { doc, views } = await caseWithHiddenHub();
    const focused = await views.actors.linkChart(doc, { maxMarking: 'TLP:GREEN' }, null, false, { expand: ['actor--hub'], focusOnly: true });
    expect(focused.nodes.map((n) => n.id)).toEqual([]);
    const expanded = await views.actors.linkChart(doc, { maxMarking: 'TLP:GREEN', countries: ['KE'] }, null, false, { expand: ['actor--hub'], focusOnly: false });
    expect(expanded.nodes.map((n) => n.id)).toEqual([]);
  });

  it('the neighbours of filtered actors do not come through an actor above the marking', async () => {
    const { doc, views } = await caseWithHiddenHub();
    const chart = await views.actors.linkChart(doc, { maxMarking: 'TLP:GREEN', countries: ['RU'] }, null, true);
    expect(chart.nodes.map((n) => n.id)).toEqual([]);
  });
});
