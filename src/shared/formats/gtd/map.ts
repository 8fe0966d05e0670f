import type { GeoPrecision, ResponsibilityKind } from '../../domain/event';
import type { PartialDate } from '../../domain/partial-date';
import { alpha2FromName } from '../../import/countries';
import { FieldReader, normaliseHeader, parseCoordinate } from '../../import/fields';
import { clip } from '../../import/text';
import type { ActorMention, DatasetInfo, RowInput, RowMapper, RowResult } from '../../import/types';
import { dayDate } from '../csv-mapping/dates';

export const GTD_DATASET: DatasetInfo = {
  key: 'gtd',
  title: 'Global Terrorism Database (START, University of Maryland)',
  publisher: 'START',
  url: 'https://www.start.umd.edu/gtd/',
};

/** True when a header row is the GTD's. */
export function looksLikeGtdHeader(firstRow: readonly string[]): boolean {
  const fields = new Set(firstRow.map(normaliseHeader));
  return fields.has('eventid') && fields.has('iyear');
}

/** GTD writes unknown numbers as -9 or -99 (and sometimes leaves them blank). */
function known(text: string): number | undefined {
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** iyear/imonth/iday, where a 0 month or day means "not known". */
function gtdDate(f: FieldReader, row: RowInput): PartialDate | string {
  const year = Number(f.get(row, 'iyear'));
  const month = Number(f.get(row, 'imonth') || '0');
  const day = Number(f.get(row, 'iday') || '0');
  if (!Number.isInteger(year) || year < 1900 || year > 2999) return `"${f.get(row, 'iyear')}" is not a year`;
  if (!Number.isInteger(month) || month < 0 || month > 12) return `"${f.get(row, 'imonth')}" is not a month (1–12, 0 for unknown)`;
  const approximate = f.get(row, 'approxdate') !== '';
  let date: PartialDate | null;
  if (month === 0) date = { value: String(year), precision: 'year' };
  else if (day === 0) date = { value: `${year}-${String(month).padStart(2, '0')}`, precision: 'month' };
  else date = dayDate(year, month, day);
  if (!date) return `${year}-${month}-${day} is not a calendar day`;
  return approximate ? { value: date.value, precision: date.precision, approximate } : date;
}

/** GTD specificity: 1 the city's own coordinates … 5 nothing below the country. */
function geoPrecisionOf(specificity: string): GeoPrecision {
  switch (specificity) {
    case '1':
      return 'exact';
    case '2':
    case '3':
      return 'admin2';
    case '4':
      return 'admin1';
    case '5':
      return 'country';
    default:
      return 'unknown';
  }
}

/** claimed = 1 → the group claimed it; guncertain = 1 → only suspected; otherwise attributed. */
export function gtdResponsibility(claimed: string, uncertain: string): ResponsibilityKind {
  if (claimed === '1') return 'claimed';
  if (uncertain === '1') return 'suspected';
  return 'attributed';
}

function perpetrators(f: FieldReader, row: RowInput): ActorMention[] {
  const out: ActorMention[] = [];
  for (const [name, claimed, uncertain] of [
    ['gname', 'claimed', 'guncertain1'],
    ['gname2', 'claim2', 'guncertain2'],
    ['gname3', 'claim3', 'guncertain3'],
  ] as const) {
    const group = f.get(row, name);
    if (!group || /^unknown$/i.test(group)) continue;
    out.push({ name: clip(group, 300), kind: 'organisation', as: gtdResponsibility(f.get(row, claimed), f.get(row, uncertain)) });
  }
  return out;
}

/** Maps GTD rows to import items. */
export function gtdMapper(fields: readonly string[]): RowMapper {
  const f = new FieldReader(fields.map(normaliseHeader));
  return { map: (row) => mapGtdRow(f, row) };
}

function mapGtdRow(f: FieldReader, row: RowInput): RowResult {
  const id = f.get(row, 'eventid');
  if (!/^\d+$/.test(id)) return { ok: false, issue: f.issue(row, 'eventid', `"${clip(id, 30)}" is not a GTD event id`) };
  const date = gtdDate(f, row);
  if (typeof date === 'string') return { ok: false, issue: f.issue(row, 'iyear', date) };
  const countryName = f.get(row, 'country_txt');
  const country = alpha2FromName(countryName);
  if (!country) return { ok: false, issue: f.issue(row, 'country_txt', `unknown country "${clip(countryName, 60)}"`) };
  const lat = parseCoordinate(f.get(row, 'latitude'), -90, 90);
  const lon = parseCoordinate(f.get(row, 'longitude'), -180, 180);
  const city = f.get(row, 'city');
  const province = f.get(row, 'provstate');
  const attack = f.get(row, 'attacktype1_txt');
  const target = f.get(row, 'targtype1_txt');
  const killed = known(f.get(row, 'nkill'));
  const wounded = known(f.get(row, 'nwound'));
  const where = city && !/^unknown$/i.test(city) ? city : province || countryName;
  const summary = f.get(row, 'summary');
  return {
    ok: true,
    item: {
      line: row.line,
      externalId: id,
      event: {
        title: clip(`${attack || 'Attack'} in ${where}`, 500),
        category: 'attack',
        date,
        location: {
          country,
          ...(province && !/^unknown$/i.test(province) ? { admin1: clip(province, 200) } : {}),
          ...(city && !/^unknown$/i.test(city) ? { place: clip(city, 200) } : {}),
          ...(typeof lat === 'number' && typeof lon === 'number' ? { lat, lon } : {}),
          geoPrecision: geoPrecisionOf(f.get(row, 'specificity')),
        },
        ...(attack ? { attackType: clip(attack, 100) } : {}),
        ...(target ? { targetType: clip(target, 100) } : {}),
        ...(killed !== undefined ? { fatalities: { min: Math.round(killed), max: Math.round(killed) } } : {}),
        ...(wounded !== undefined ? { injured: { min: Math.round(wounded), max: Math.round(wounded) } } : {}),
        scope: 'unknown',
        ...(summary ? { description: clip(summary, 20_000) } : {}),
        tags: ['gtd', ...(target ? [clip(target, 100)] : [])],
      },
      actors: perpetrators(f, row),
      sources: [],
    },
  };
}
