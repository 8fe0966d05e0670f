import { describe, expect, it } from 'vitest';
import { csvMapper } from '../../src/shared/formats/csv-mapping/map';
import type { CsvMapping } from '../../src/shared/formats/csv-mapping/mapping';
import { alpha2FromAny, alpha2FromName } from '../../src/shared/import/countries';
import { currentCountryCode, currentCountryCodes } from '../../src/shared/places/countries';
import type { PlaceHit } from '../../src/shared/places/place';

describe('country codes', () => {
  it('lists current ISO 3166-1 codes only', () => {
    const codes = currentCountryCodes();
    for (const gone of ['DD', 'HV', 'ZR', 'YU', 'CS', 'SU', 'TP', 'BU', 'AN', 'EU', 'EZ', 'UN']) expect(codes).not.toContain(gone);
    for (const current of ['SO', 'DE', 'BF', 'CD', 'TL', 'MM', 'RS', 'SS', 'CW']) expect(codes).toContain(current);
    expect(codes.length).toBeGreaterThanOrEqual(249);
  });

  it('maps withdrawn codes to the code that covers them today, and says what they were', () => {
    expect(currentCountryCode('DD')).toEqual({ code: 'DE', retired: { from: 'DD', was: 'German Democratic Republic' } });
    expect(currentCountryCode('hv')?.code).toBe('BF');
    expect(currentCountryCode('ZR')?.code).toBe('CD');
    expect(currentCountryCode('TP')?.code).toBe('TL');
    expect(currentCountryCode('BU')?.code).toBe('MM');
    expect(currentCountryCode('SO')).toEqual({ code: 'SO' });
    expect(currentCountryCode('QQ')).toBeNull();
  });

  it('files imported codes and names of countries that are gone under current codes', () => {
    expect(alpha2FromAny('DD')).toBe('DE');
    expect(alpha2FromAny('zr')).toBe('CD');
    expect(alpha2FromAny('SOM')).toBe('SO');
    expect(alpha2FromName('Zaire')).toBe('CD');
    expect(alpha2FromName('East Germany (GDR)')).toBe('DE');
    expect(alpha2FromName('Yugoslavia')).toBe('RS');
    expect(alpha2FromAny('XX')).toBeNull();
  });
});

const headers = ['date', 'country', 'place', 'lat', 'lon', 'province'];
const mapping: CsvMapping = { columns: { date: 'date', country: 'country', place: 'place', lat: 'lat', lon: 'lon', admin1: 'province' }, dateFormat: 'auto', defaultCategory: 'attack', actorClaim: 'attributed' };
const kismayo: PlaceHit = { name: 'Kismayo', country: 'SO', admin1: 'Jubbada Hoose', lat: -0.35817, lon: 42.54536, population: 234_852 };
const find = (name: string, country: string) => (name.toLowerCase() === 'kismayo' && country === 'SO' ? kismayo : undefined);
const row = (line: number, cells: string[]) => ({ line, cells });

describe('CSV import: withdrawn codes and place look-up', () => {
  it('files a withdrawn code under its successor and notes it for the preview', () => {
    const mapper = csvMapper(headers, mapping);
    const mapped = mapper.map(row(2, ['2016-03-01', 'ZR', '', '', '', '']));
    expect(mapped.ok && mapped.item.event.location.country).toBe('CD');
    mapper.map(row(3, ['2016-03-02', 'ZR', '', '', '', '']));
    expect(mapper.notes?.()).toEqual([expect.stringMatching(/^2 rows gave the withdrawn country code ZR \(Zaire\); filed under CD/)]);
  });

  it('fills coordinates and a missing province from the place list when asked', () => {
    const mapper = csvMapper(headers, { ...mapping, lookUpPlaces: true }, find);
    const filled = mapper.map(row(2, ['2016-03-01', 'SO', 'Kismayo', '', '', '']));
    expect(filled.ok && filled.item.event.location).toEqual({ country: 'SO', place: 'Kismayo', admin1: 'Jubbada Hoose', lat: -0.35817, lon: 42.54536, geoPrecision: 'near' });
    // The file's own coordinates and province win.
    const own = mapper.map(row(3, ['2016-03-01', 'SO', 'Kismayo', '1.5', '42.1', 'Lower Juba']));
    expect(own.ok && own.item.event.location).toMatchObject({ admin1: 'Lower Juba', lat: 1.5, lon: 42.1, geoPrecision: 'exact' });
    const kept = mapper.map(row(4, ['2016-03-01', 'SO', 'Somewhere Else', '', '', 'Lower Juba']));
    expect(kept.ok && kept.item.event.location).toEqual({ country: 'SO', place: 'Somewhere Else', admin1: 'Lower Juba', geoPrecision: 'near' });
    expect(mapper.notes?.()).toEqual([
      '1 row got coordinates (precision "near") from the place list.',
      expect.stringContaining('Somewhere Else (SO)'),
    ]);
  });

  it('leaves places alone when the mapping does not ask', () => {
    const mapper = csvMapper(headers, mapping, find);
    const plain = mapper.map(row(2, ['2016-03-01', 'SO', 'Kismayo', '', '', '']));
    expect(plain.ok && plain.item.event.location).toEqual({ country: 'SO', place: 'Kismayo', geoPrecision: 'near' });
    expect(mapper.notes?.()).toEqual([]);
  });
});
