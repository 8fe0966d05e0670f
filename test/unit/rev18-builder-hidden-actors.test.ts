import { describe, expect, it } from 'vitest';
import { CaseService } from '../../src/main/services/case-service';
import { CaseViews } from '../../src/main/services/views';
import { plainActor, plainEvent } from '../helpers/records';
import { newCase } from '../helpers/store';

/**
 * The builder's actor dimension at a view's marking: actors above it fold into one group that
 * names none of them. One GREEN event naming two AMBER actors is one event in that group, not
 * two (a count of the hidden actors, and a total larger than the events shown).
 */
describe('chart builder: actors above the marking', () => {
  it('counts an event once in the group of actors above the marking', async () => {
    const doc = newCase('Builder cut');
    doc.actors.push(plainActor('actor--hidden1', 'Hidden One', { marking: 'TLP:AMBER' }), plainActor('actor--hidden2', 'Hidden Two', { marking: 'TLP:AMBER' }));
    doc.events.push(
      plainEvent('event--1', 'Clash', {
        marking: 'TLP:GREEN',
        participants: [
          { actorId: 'actor--hidden1', role: 'participant', citations: [] },
          { actorId: 'actor--hidden2', role: 'participant', citations: [] },
        ],
      }),
    );
    const views = new CaseViews(new CaseService({ user: 't' }));
    const chart = await views.analytics.builder(doc, { maxMarking: 'TLP:GREEN' }, { measure: 'events', dimension: 'actor', policy: 'spread' });
    const text = JSON.stringify(chart);
    expect(text).not.toContain('Hidden');
    expect(chart.categories).toHaveLength(1);
    expect(chart.series.map((s) => s.values)).toEqual([[1]]);
  });
});
