import { describe, expect, it } from 'vitest';
import { filterChips, repointActor, withValue } from '../../src/renderer/features/filters/chips';
import { pruneEmpty } from '../../src/renderer/features/filters/FilterProvider';
import { eventMatches, type EventFilter } from '../../src/shared/domain/filters';
import { plainEvent } from '../helpers/records';

describe('filter chips', () => {
  const filter: EventFilter = { countries: ['AF', 'PK'], actorIds: ['actor--iskp'], minFatalities: 10, text: 'airport', from: { value: '2021', precision: 'year' } };
  const chips = filterChips(filter, (id) => (id === 'actor--iskp' ? 'ISKP' : id));

  it('shows one chip per value, in words', () => {
    expect(chips.map((c) => c.label)).toEqual(['From 2021', 'Country: Afghanistan (AF)', 'Country: Pakistan (PK)', 'Actor: ISKP', '≥ 10 killed', 'Text: “airport”']);
  });

  it('removing a chip removes only that value, and the filter then matches more', () => {
    const af = chips.find((c) => c.key === 'countries:AF');
    expect(af?.without.countries).toEqual(['PK']);
    const event = plainEvent('event--a', 'Kabul airport', { location: { country: 'AF', geoPrecision: 'country' } });
    const narrow: EventFilter = { countries: ['PK'], text: 'airport' };
    expect(eventMatches(event, narrow)).toBe(false);
    const pkChip = filterChips(narrow, (id) => id).find((c) => c.key === 'countries:PK');
    expect(eventMatches(event, pruneEmpty(pkChip!.without))).toBe(true);
  });

  it('adds a list value once and prunes empty filters to {}', () => {
    expect(withValue(withValue({}, 'countries', 'AF'), 'countries', 'AF')).toEqual({ countries: ['AF'] });
    expect(pruneEmpty({ countries: [], text: '  ', minFatalities: 0 })).toEqual({ minFatalities: 0 });
  });

  it("names ACLED's values as ACLED writes them, interactions and civilian targeting in words", () => {
    const acled: EventFilter = { acledEventTypes: ['Explosions/Remote violence'], sourceScales: ['National-International'], interactions: [27], admin3s: ['Hodan'], civilianTargeting: false };
    const labels = filterChips(acled, (id) => id).map((c) => c.label);
    expect(labels).toEqual(['Admin 3: Hodan', 'ACLED type: Explosions/Remote violence', 'Interaction: Rebel group–Civilians', 'Source scale: National-International', 'Civilians not targeted']);
    const off = filterChips(acled, (id) => id).find((c) => c.key === 'civilianTargeting');
    expect(pruneEmpty(off!.without)).toEqual({ acledEventTypes: ['Explosions/Remote violence'], sourceScales: ['National-International'], interactions: [27], admin3s: ['Hodan'] });
    expect(withValue({}, 'interactions', 57)).toEqual({ interactions: [57] });
  });
});

describe('filters after an actor merge', () => {
  it('point at the kept actor, so the chip names it instead of showing the merged-away id', () => {
    const before: EventFilter = { actorIds: ['actor--c0ac', 'actor--other'] };
    const after = repointActor(before, 'actor--c0ac', 'actor--kept');
    expect(filterChips(after, (id) => ({ 'actor--kept': 'al-Shabaab', 'actor--other': 'AMISOM' })[id] ?? id).map((c) => c.label)).toEqual(['Actor: al-Shabaab', 'Actor: AMISOM']);
    expect(repointActor({ actorIds: ['actor--c0ac', 'actor--kept'] }, 'actor--c0ac', 'actor--kept').actorIds).toEqual(['actor--kept']);
    expect(repointActor({ countries: ['SO'] }, 'actor--c0ac', 'actor--kept')).toEqual({ countries: ['SO'] });
  });
});
