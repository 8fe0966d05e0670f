import { describe, expect, it } from 'vitest';
import { searchActors } from '../../src/main/ipc/handlers/actors';
import { contract } from '../../src/shared/ipc/contract';
import { actorNameIndex } from '../../src/shared/names';
import { plainActor } from '../helpers/records';

/**
 * The link chart's "Focus on an actor" search runs at the chart's marking: at GREEN it must not
 * offer (and so name) an AMBER actor the chart itself cuts.
 */
describe('actor search at a view’s marking', () => {
  const actors = [plainActor('actor--g', 'Shabaab watchers', { marking: 'TLP:GREEN' }), plainActor('actor--a', 'Shabaab cell', { marking: 'TLP:AMBER' })];
  const get = (id: string) => actors.find((a) => a.id === id);

  it('leaves out actors above the marking it is given, and finds them all without one', () => {
    const index = actorNameIndex(actors);
    expect(searchActors(index, get, 'Shabaab', 6, 'TLP:GREEN').map((h) => h.name)).toEqual(['Shabaab watchers']);
    expect(searchActors(index, get, 'Shabaab', 6).map((h) => h.id).sort()).toEqual(['actor--a', 'actor--g']);
  });

  it('takes the marking in its request', () => {
    expect(contract['actors:search'].request.safeParse({ text: 'Shabaab', limit: 6, maxMarking: 'TLP:GREEN' }).success).toBe(true);
  });
});
