import { describe, expect, it } from 'vitest';
import { draftOf, participantKey, recordOf, type ParticipantDraft } from '../../src/renderer/features/timeline/editor/draft';
import { plainEvent } from '../helpers/records';

const row = (actorId: string, role: ParticipantDraft['role'], citations: ParticipantDraft['citations'] = []): ParticipantDraft => ({ key: participantKey(), actorId, role, citations });

describe('event editor draft: targets and participants', () => {
  it('saves an event without participants exactly as it was, with no participants field', () => {
    const old = plainEvent('event--old', 'Written before participants existed');
    const saved = recordOf(draftOf(old));
    expect(saved).toEqual({ ok: true, event: old });
    expect(saved.ok && 'participants' in saved.event).toBe(false);
    // Removing the last row also leaves the field out.
    const emptied = recordOf({ ...draftOf(plainEvent('event--x', 'X', { participants: [{ actorId: 'actor--a', role: 'target', citations: [] }] })), participants: [] });
    expect(emptied.ok && 'participants' in emptied.event).toBe(false);
  });

  it('turns rows into participants with their citations, and back', () => {
    const draft = { ...draftOf(plainEvent('event--e', 'E')), participants: [row('actor--taliban', 'target', [{ sourceId: 'source--s', locator: ' p. 3 ', credibility: 2 }]), row('actor--nds', 'participant')] };
    const saved = recordOf(draft);
    expect(saved.ok && saved.event.participants).toEqual([
      { actorId: 'actor--taliban', role: 'target', citations: [{ sourceId: 'source--s', locator: 'p. 3', credibility: 2 }] },
      { actorId: 'actor--nds', role: 'participant', citations: [] },
    ]);
    if (!saved.ok) return;
    expect(recordOf(draftOf(saved.event))).toEqual(saved);
  });

  it('reports a row without an actor, a citation without a source and a repeated actor by path', () => {
    const draft = {
      ...draftOf(plainEvent('event--e', 'E')),
      participants: [row('actor--taliban', 'target'), row('', 'target'), row('actor--nds', 'participant', [{ sourceId: '', locator: '', credibility: 6 }]), row('actor--taliban', 'participant')],
    };
    const result = recordOf(draft);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['participants.1.actorId']).toBe('pick an actor');
    expect(result.errors['participants.2.citations.0.sourceId']).toBe('pick a source');
    expect(result.errors['participants.3.actorId']).toMatch(/already listed/);
    expect(result.errors['participants.0.actorId']).toBeUndefined();
  });
});

describe('event editor draft: an imported ACLED event', () => {
  it("keeps ACLED's coding and admin3 when the analyst edits and saves it", () => {
    const imported = plainEvent('event--acled-SOM2', 'Mob violence in Mogadishu', {
      category: 'riot',
      location: { country: 'SO', admin1: 'Banadir', admin2: 'Mogadishu', admin3: 'Hodan', place: 'Mogadishu', geoPrecision: 'exact' },
      acled: { eventType: 'Riots', subEventType: 'Mob violence', disorderType: 'Demonstrations', inter1: 5, inter2: 7, interaction: 57, civilianTargeting: true, sourceScale: 'National' },
    });
    expect(recordOf(draftOf(imported))).toEqual({ ok: true, event: imported });
    const edited = recordOf({ ...draftOf(imported), title: 'Mob violence in Hodan' });
    expect(edited.ok && edited.event.acled).toEqual(imported.acled);
    expect(edited.ok && edited.event.location.admin3).toBe('Hodan');
  });
});
