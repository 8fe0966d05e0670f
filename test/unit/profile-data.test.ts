import { describe, expect, it } from 'vitest';
import type { EventParticipant, ResponsibilityClaim } from '../../src/shared/domain/event';
import { actorEvents, actorSources, roleTies } from '../../src/shared/domain/actor-profile';
import { plainActor, plainEvent, plainSource } from '../helpers/records';

const ISK = 'actor--isk';
const TALIBAN = 'actor--taliban';
const AMAQ = 'actor--amaq';

const claim = (id: string, actorId: string, kind: ResponsibilityClaim['kind'], byActorId?: string): ResponsibilityClaim => ({
  id: `claim--${id}`,
  actorId,
  kind,
  ...(byActorId ? { byActorId } : {}),
  confidence: 'medium',
  citations: [],
});
const party = (actorId: string, role: EventParticipant['role'], sourceId?: string): EventParticipant => ({
  actorId,
  role,
  citations: sourceId ? [{ sourceId, credibility: 2, locator: 'para. 4' }] : [],
});

const kabul = plainEvent('event--kabul', 'Attack on a Taliban checkpoint', {
  date: { value: '2023-01-01', precision: 'day' },
  responsibility: [claim('kabul', ISK, 'claimed', AMAQ)],
  participants: [party(TALIBAN, 'target', 'source--unama')],
});
const raid = plainEvent('event--raid', 'Raid on an ISK hideout', {
  date: { value: '2022-06', precision: 'month' },
  participants: [party(TALIBAN, 'participant'), party(ISK, 'target')],
});
const denial = plainEvent('event--denial', 'Bombing the Taliban denied', {
  date: { value: '2024', precision: 'year' },
  responsibility: [claim('denial', TALIBAN, 'denied')],
});
const oldStyle = plainEvent('event--old', 'Event written before participants existed', { responsibility: [claim('old', ISK, 'suspected')] });
const events = [kabul, raid, denial, oldStyle];

const roles = (actorId: string) => actorEvents(actorId, events).map((e) => [e.event.id, e.role]);

describe('actorEvents', () => {
  it('finds an actor as perpetrator, target or participant, in date order', () => {
    expect(roles(TALIBAN)).toEqual([
      ['event--raid', 'participant'],
      ['event--kabul', 'target'],
      ['event--denial', 'participant'],
    ]);
  });

  it('ranks a claim naming the actor above its being a target, and reads events without participants', () => {
    expect(roles(ISK)).toEqual([
      ['event--raid', 'target'],
      ['event--kabul', 'perpetrator'],
      ['event--old', 'perpetrator'],
    ]);
    const both = plainEvent('event--both', 'Clash', { responsibility: [claim('both', ISK, 'attributed')], participants: [party(ISK, 'target')] });
    expect(actorEvents(ISK, [both]).map((e) => e.role)).toEqual(['perpetrator']);
  });

  it('makes the claimant a participant and leaves out events the actor has no part in', () => {
    expect(roles(AMAQ)).toEqual([['event--kabul', 'participant']]);
    expect(actorEvents('actor--nobody', events)).toEqual([]);
  });

  it('says every tie in words', () => {
    const [taliban] = actorEvents(TALIBAN, [kabul]);
    const [amaq] = actorEvents(AMAQ, [kabul]);
    const [denied] = actorEvents(TALIBAN, [denial]);
    expect(taliban && roleTies(taliban, TALIBAN)).toEqual(['target']);
    expect(amaq && roleTies(amaq, AMAQ)).toEqual(['made the claim']);
    expect(denied && roleTies(denied, TALIBAN)).toEqual(['denied']);
    expect(taliban?.parties).toEqual([party(TALIBAN, 'target', 'source--unama')]);
  });
});

describe('actorSources', () => {
  it('includes the sources cited by the entries naming the actor as target or participant', () => {
    const sources = [plainSource('source--unama', 'UNAMA report'), plainSource('source--other', 'Unrelated')];
    const cited = actorSources(plainActor(TALIBAN, 'Taliban'), [], actorEvents(TALIBAN, events), sources, (id) => id);
    expect(cited.map((c) => [c.source.id, c.supports])).toEqual([['source--unama', ['target in “Attack on a Taliban checkpoint”']]]);
    expect(actorSources(plainActor(ISK, 'ISK'), [], actorEvents(ISK, events), sources, (id) => id)).toEqual([]);
  });
});
