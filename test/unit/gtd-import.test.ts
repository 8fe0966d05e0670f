import { describe, expect, it } from 'vitest';
import { Event } from '../../src/shared/domain/event';
import { gtdResponsibility } from '../../src/shared/formats/gtd/map';
import { alpha2FromName } from '../../src/shared/import/countries';
import { planFixture, plannedEvents } from '../fixtures/import/helpers';

describe('GTD CSV', () => {
  it('maps dates with unknown month or day to coarser precision, and -9/-99 to unknown', async () => {
    const { prepared, plan } = await planFixture('gtd.csv');
    expect(prepared.kind === 'table' && prepared.read.format).toBe('gtd');
    const events = plannedEvents(plan);
    expect(events.size).toBe(4);
    for (const e of events.values()) expect(Event.safeParse(e).success).toBe(true);
    const jalalabad = events.get('event--gtd-201501010001');
    expect(jalalabad?.date).toEqual({ value: '2015-01-01', precision: 'day' });
    expect(jalalabad?.fatalities).toEqual({ min: 3, max: 3 });
    expect(jalalabad?.injured).toEqual({ min: 7, max: 7 });
    const peshawar = events.get('event--gtd-201506000002');
    expect(peshawar?.date).toEqual({ value: '2015-06', precision: 'month', approximate: true });
    expect(peshawar?.fatalities).toBeUndefined(); // -99
    expect(peshawar?.injured).toBeUndefined(); // -9
    const aleppo = events.get('event--gtd-201500000003');
    expect(aleppo?.date).toEqual({ value: '2015', precision: 'year' });
    expect(aleppo?.location).toEqual({ country: 'SY', admin1: 'Aleppo', geoPrecision: 'country' });
    expect(aleppo?.responsibility).toEqual([]); // gname "Unknown" is nobody
  });

  it('maps claimed and guncertain to claimed, suspected or attributed', async () => {
    const { plan } = await planFixture('gtd.csv');
    const events = plannedEvents(plan);
    expect(events.get('event--gtd-201501010001')?.responsibility.map((r) => r.kind)).toEqual(['claimed']);
    expect(events.get('event--gtd-201506000002')?.responsibility.map((r) => r.kind)).toEqual(['suspected']);
    // gname attributed; gname2 with guncertain2 = 1 suspected.
    expect(events.get('event--gtd-201508150004')?.responsibility.map((r) => r.kind)).toEqual(['attributed', 'suspected']);
    expect(gtdResponsibility('1', '1')).toBe('claimed');
    expect(gtdResponsibility('-9', '0')).toBe('attributed');
  });

  it('knows GTD country names, including ones that no longer exist', () => {
    expect(alpha2FromName('Afghanistan')).toBe('AF');
    expect(alpha2FromName('West Bank and Gaza Strip')).toBe('PS');
    expect(alpha2FromName('Soviet Union')).toBe('RU'); // withdrawn SU, filed under today's code
    expect(alpha2FromName('Democratic Republic of the Congo')).toBe('CD');
    expect(alpha2FromName('Côte d’Ivoire') ?? alpha2FromName("Cote d'Ivoire")).toBe('CI');
    expect(alpha2FromName('Atlantis')).toBeNull();
  });
});
