import { describe, expect, it } from 'vitest';
import { sniffDelimiter } from '../../src/main/services/import/sniff';
import { parseDate } from '../../src/shared/formats/csv-mapping/dates';
import { checkMapping } from '../../src/shared/formats/csv-mapping/map';
import { guessColumns, type CsvMapping } from '../../src/shared/formats/csv-mapping/mapping';
import { alpha2FromAny, alpha2FromNumeric } from '../../src/shared/import/countries';
import { applyPlan, planFixture, plannedEvents } from '../fixtures/import/helpers';

const genericMapping: CsvMapping = {
  name: 'Ministry sheet',
  columns: { date: 'Incident date', actor: 'Group', fatalities: 'Killed', place: 'Town', country: 'Nation', title: 'What happened', id: 'Ref' },
  dateFormat: 'dd/mm/yyyy',
  defaultCategory: 'attack',
  actorClaim: 'claimed',
};

describe('dates', () => {
  it('reads each layout the wizard offers, and refuses what is not a date', () => {
    expect(parseDate('2024-03-22')).toEqual({ value: '2024-03-22', precision: 'day' });
    expect(parseDate('22 March 2024')).toEqual({ value: '2024-03-22', precision: 'day' });
    expect(parseDate('22-Mar-2024')).toEqual({ value: '2024-03-22', precision: 'day' });
    expect(parseDate('March 22, 2024')).toEqual({ value: '2024-03-22', precision: 'day' });
    expect(parseDate('05/01/2015')).toEqual({ value: '2015-01-05', precision: 'day' });
    expect(parseDate('05/01/2015', 'mm/dd/yyyy')).toEqual({ value: '2015-05-01', precision: 'day' });
    expect(parseDate('2024-03', 'yyyy-mm')).toEqual({ value: '2024-03', precision: 'month' });
    expect(parseDate('2024', 'yyyy')).toEqual({ value: '2024', precision: 'year' });
    expect(parseDate('31/02/2024')).toBeNull();
    expect(parseDate('22 Smarch 2024')).toBeNull();
    expect(parseDate('2024-03-22', 'dd/mm/yyyy')).toBeNull();
  });
});

describe('column guesses and checks', () => {
  it('guesses fields from common header names, each column once', () => {
    const guess = guessColumns(['Date', 'Country', 'Killed', 'Wounded', 'Group', 'Notes', 'Latitude', 'Longitude', 'City']);
    expect(guess).toMatchObject({ date: 'Date', country: 'Country', fatalities: 'Killed', injured: 'Wounded', actor: 'Group', description: 'Notes', lat: 'Latitude', lon: 'Longitude', place: 'City' });
  });

  it('says what a mapping lacks', () => {
    const check = checkMapping({ ...genericMapping, columns: { title: 'What happened' } }, ['What happened']);
    expect(check).toEqual({ ok: false, message: 'map a column to Date; every event needs one.' });
    const wrong = checkMapping({ ...genericMapping, columns: { ...genericMapping.columns, date: 'When' } }, ['What happened']);
    expect(wrong.ok).toBe(false);
  });

  it('sniffs the delimiter', () => {
    expect(sniffDelimiter('a;b;c\n1;2;3\n4;5;6\n')).toBe(';');
    expect(sniffDelimiter('a,b,c\n1,"x;y",3\n')).toBe(',');
    expect(sniffDelimiter('a\tb\n1\t2\n')).toBe('\t');
  });

  it('maps country codes in any form to alpha-2', () => {
    expect(alpha2FromNumeric('004')).toBe('AF');
    expect(alpha2FromNumeric('586')).toBe('PK');
    expect(alpha2FromAny('AFG')).toBe('AF');
    expect(alpha2FromAny('pk')).toBe('PK');
    expect(alpha2FromAny('Russia')).toBe('RU');
  });
});

describe('generic CSV and XLSX through a mapping', () => {
  it('imports a semicolon CSV with dd/mm/yyyy dates and reports the bad row with line and column', async () => {
    const { prepared, plan } = await planFixture('generic.csv', { mapping: genericMapping });
    expect(prepared.kind === 'table' && prepared.read.delimiter).toBe(';');
    const events = plannedEvents(plan);
    expect([...events.keys()].sort()).toEqual(['event--csv-ministry-sheet-R-1', 'event--csv-ministry-sheet-R-2']);
    const kabul = events.get('event--csv-ministry-sheet-R-1');
    expect(kabul).toMatchObject({ title: 'Attack on a ministry', date: { value: '2023-04-03', precision: 'day' }, fatalities: { min: 5, max: 5 } });
    expect(kabul?.location).toMatchObject({ country: 'AF', place: 'Kabul' });
    expect(kabul?.responsibility[0]?.kind).toBe('claimed');
    const issues = prepared.kind === 'table' ? prepared.read.issues : [];
    expect(issues).toEqual([{ line: 4, column: 1, field: 'Incident date', message: '"not a date" is not a date in the format dd/mm/yyyy' }]);
  });

  it('imports the first sheet of an XLSX workbook, with Excel dates', async () => {
    const mapping: CsvMapping = { columns: { date: 'Date', title: 'Title', country: 'Country', admin1: 'Province', fatalities: 'Fatalities', actor: 'Actor', source: 'Source' }, dateFormat: 'auto', defaultCategory: 'attack', actorClaim: 'attributed' };
    const { prepared, plan } = await planFixture('generic.xlsx', { mapping });
    expect(prepared.kind === 'table' && prepared.read.rowsRead).toBe(3);
    const events = [...plannedEvents(plan).values()].sort((a, b) => a.date.value.localeCompare(b.date.value));
    expect(events.map((e) => e.date.value)).toEqual(['2022-09-05', '2022-10-30', '2023-01-11']);
    expect(events.map((e) => e.location.country)).toEqual(['AF', 'AF', 'AF']);
    expect(events[1]?.fatalities).toEqual({ min: 53, max: 53 });
    expect(plan.counts.sourcesNew).toBe(3); // the file itself, Reuters (once) and BBC
  });

  it('makes a targeted-actor column into actors named as the events\' targets', async () => {
    const mapping: CsvMapping = { ...genericMapping, columns: { ...genericMapping.columns, actor: undefined, targetActor: 'Group' } };
    const { plan } = await planFixture('generic.csv', { mapping });
    const kabul = plannedEvents(plan).get('event--csv-ministry-sheet-R-1');
    expect(kabul?.responsibility).toEqual([]);
    const created = plan.changes.flatMap((c) => (c.op === 'put' && c.collection === 'actors' ? [c.after as { id: string; name: string }] : []));
    expect(kabul?.participants?.map((p) => [created.find((a) => a.id === p.actorId)?.name, p.role])).toEqual([['ISKP', 'target']]);
    expect(guessColumns(['Date', 'Group', 'Target actor'])).toMatchObject({ actor: 'Group', targetActor: 'Target actor' });
  });

  it('flags a re-import of rows without ids as duplicates instead of adding them twice', async () => {
    const mapping: CsvMapping = { ...genericMapping, columns: { ...genericMapping.columns, id: undefined } };
    const first = await planFixture('generic.csv', { mapping });
    const again = await planFixture('generic.csv', { mapping }, applyPlan(first.doc, first.plan));
    expect(again.plan.counts).toMatchObject({ add: 0, duplicate: 2 });
  });
});
