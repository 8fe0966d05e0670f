import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTable, sniffFile } from '../../src/main/services/import/pipeline';
import type { CsvMapping } from '../../src/shared/formats/csv-mapping/mapping';

const dir = mkdtempSync(join(tmpdir(), 'casefile-place-lookup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mapping: CsvMapping = { columns: { date: 'date', country: 'country', place: 'town', title: 'title' }, dateFormat: 'auto', defaultCategory: 'attack', actorClaim: 'attributed', lookUpPlaces: true };

describe('CSV import with "Look up places" (the shipped place list)', () => {
  it('fills coordinates and provinces of named places, files withdrawn codes under current ones, and says so', async () => {
    const path = join(dir, 'incidents.csv');
    writeFileSync(path, ['date,country,town,title', '2016-03-01,SO,Kismayo,Raid A', '2016-03-02,SO,Nowhere Probe,Raid B', '1994-05-01,ZR,Kinshasa,Raid C', ''].join('\n'));
    const read = await readTable(path, await sniffFile(path), { mapping });
    const byTitle = new Map(read.items.map((item) => [item.event.title, item.event.location]));
    expect(byTitle.get('Raid A')).toMatchObject({ country: 'SO', place: 'Kismayo', admin1: 'Jubbada Hoose', geoPrecision: 'near' });
    expect(byTitle.get('Raid A')?.lat).toBeCloseTo(-0.358, 2);
    expect(byTitle.get('Raid B')).toEqual({ country: 'SO', place: 'Nowhere Probe', geoPrecision: 'near' });
    expect(byTitle.get('Raid C')).toMatchObject({ country: 'CD', place: 'Kinshasa' });
    expect(byTitle.get('Raid C')?.lat).toBeDefined();
    expect(read.notes).toEqual([
      expect.stringMatching(/^1 row gave the withdrawn country code ZR \(Zaire\); filed under CD/),
      '2 rows got coordinates (precision "near") from the place list.',
      expect.stringContaining('Nowhere Probe (SO)'),
    ]);
  }, 120_000);
});
