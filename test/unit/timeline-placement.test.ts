import { describe, expect, it } from 'vitest';
import { partialDate } from '../../src/shared/domain/partial-date';
import { placeDate } from '../../src/shared/timeline/placement';

describe('partial-date placement', () => {
  it('puts a day-precise date as a point at the start of its UTC day', () => {
    expect(placeDate(partialDate('2024-03-22'))).toEqual({ kind: 'point', start: Date.UTC(2024, 2, 22), end: Date.UTC(2024, 2, 23), approximate: false });
  });

  it('spreads a month-precise date over the whole month, leap February included', () => {
    expect(placeDate(partialDate('2024-02'))).toEqual({ kind: 'range', start: Date.UTC(2024, 1, 1), end: Date.UTC(2024, 2, 1), approximate: false });
  });

  it('spreads a year-precise date over the whole year and keeps the approximate flag', () => {
    const placed = placeDate(partialDate('2019', true));
    expect(placed).toMatchObject({ kind: 'range', start: Date.UTC(2019, 0, 1), end: Date.UTC(2020, 0, 1), approximate: true });
  });

  it('places December correctly across the year boundary', () => {
    expect(placeDate(partialDate('2023-12')).end).toBe(Date.UTC(2024, 0, 1));
  });
});
