import { describe, expect, it } from 'vitest';
import { generateCase } from '../../bench/generate';
import { CaseService } from '../../src/main/services/case-service';
import { CaseViews } from '../../src/main/services/views';
import type { Actor } from '../../src/shared/domain/actor';
import { actorEvents } from '../../src/shared/domain/actor-profile';
import { isWithinMarking } from '../../src/shared/domain/marking';
import { PAGE_LIMIT } from '../../src/shared/ipc/bounds';
import { LINK_NODE_LIMIT } from '../../src/shared/ipc/channels/actors';

const DOC = generateCase({ events: 4_000, actors: 1_800, seed: 9 });
const byId = new Map(DOC.actors.map((a) => [a.id, a]));
const get = (id: string): Actor | undefined => byId.get(id);
const collator = new Intl.Collator('en');

describe('actors in main (actors:list, actors:profile, actors:link-chart)', () => {
  const views = new CaseViews(new CaseService({ user: 'test' }));

  it('list every actor a page at a time, by kind then name, and only the kind asked for', () => {
    const expected = [...DOC.actors].sort((a, b) => collator.compare(a.kind, b.kind) || collator.compare(a.name, b.name)).map((a) => a.id);
    const seen: string[] = [];
    for (let offset = 0; offset < DOC.actors.length; offset += PAGE_LIMIT) {
      const page = views.actors.list(DOC, get, { offset });
      expect(page.total).toBe(DOC.actors.length);
      expect(page.actors.length).toBeLessThanOrEqual(PAGE_LIMIT);
      seen.push(...page.actors.map((a) => a.id));
    }
    expect(seen).toEqual(expected);
    const people = views.actors.list(DOC, get, { kind: 'person', limit: 10 });
    expect(people.total).toBe(DOC.actors.filter((a) => a.kind === 'person').length);
    expect(people.actors.every((a) => a.kind === 'person')).toBe(true);
    expect(people.all).toBe(DOC.actors.length);
  });

  it('find an actor by its name, and say which name matched', () => {
    const target = DOC.actors[123]!;
    const found = views.actors.list(DOC, get, { text: target.name });
    expect(found.actors.map((a) => a.id)).toContain(target.id);
    expect(found.matched?.find((m) => m.id === target.id)?.name).toBe(target.name);
  });

  it('count an actor’s events over the whole case, by role, and send the first page', () => {
    // An actor named by more events than a page holds: 700 claim it, 100 more name it as a target.
    const busiest = DOC.actors[7]!;
    const doc = {
      ...DOC,
      events: DOC.events.map((e, i) =>
        i < 700 ? { ...e, responsibility: [...e.responsibility, { id: `claim--busy-${i}`, actorId: busiest.id, kind: 'claimed' as const, confidence: 'high' as const, citations: [] }] }
        : i < 800 ? { ...e, participants: [...(e.participants ?? []), { actorId: busiest.id, role: 'target' as const, citations: [] }] }
        : e,
      ),
    };
    const profile = views.actors.profile(doc, busiest, get);
    const mine = actorEvents(busiest.id, doc.events);
    expect(mine.length).toBeGreaterThan(PAGE_LIMIT);
    expect(profile.eventsTotal).toBe(mine.length);
    expect(profile.roles.perpetrator + profile.roles.target + profile.roles.participant).toBe(mine.length);
    expect(profile.roles.perpetrator).toBeGreaterThanOrEqual(700);
    expect(profile.roles.target).toBeGreaterThanOrEqual(90);
    expect(profile.events.map((e) => e.id)).toEqual(mine.slice(0, PAGE_LIMIT).map((e) => e.event.id));
  });

  it('draw the link chart cut at the filter’s marking and at what a chart can lay out, saying how many there were', async () => {
    const all = await views.actors.linkChart(DOC, {}, null, true);
    expect(all.totalNodes).toBe(DOC.actors.length);
    expect(all.nodes.length).toBe(Math.min(LINK_NODE_LIMIT, DOC.actors.length));
    const kept = new Set(all.nodes.map((n) => n.id));
    expect(all.edges.every((e) => kept.has(e.source) && kept.has(e.target))).toBe(true);

    for (const max of ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER'] as const) {
      const cut = await views.actors.linkChart(DOC, { maxMarking: max }, null, true);
      expect(cut.totalNodes).toBe(DOC.actors.filter((a) => isWithinMarking(a.marking, max)).length);
      for (const node of cut.nodes) expect(isWithinMarking(get(node.id)!.marking, max), `${node.id} at ${max}`).toBe(true);
      const rels = new Map(DOC.relationships.map((r) => [r.id, r]));
      for (const edge of cut.edges) expect(isWithinMarking(rels.get(edge.id)!.marking, max), `${edge.id} at ${max}`).toBe(true);
    }
  });
});
