import { describe, expect, it } from 'vitest';
import { foldLatin } from '../../src/shared/names/keys';
import { NameIndex } from '../../src/shared/names/name-index';

/** A case with the group, a second group, and unrelated groups that must not answer for them. */
const index = new NameIndex([
  { id: 'shabaab', names: ['Harakat al-Shabaab al-Mujahideen', 'Al-Shabaab', 'አል-ሸባብ'] },
  { id: 'iskp', names: ['Islamic State Khorasan', 'Wilayat Khurasan'] },
  { id: 'boko', names: ['Boko Haram'] },
  { id: 'ttp', names: ['Tehrik-i-Taliban Pakistan'] },
  { id: 'adl', names: ['Jaish al-Adl'] },
  { id: 'ansar', names: ['Ansar al-Sharia'] },
]);
const ids = (query: string) => index.search(query).map((hit) => hit.id);

describe('search across spellings: articles, skeletons, French and Ethiopic spellings', () => {
  it('finds a Latin name from Arabic script with the article joined and short vowels unwritten', () => {
    expect(ids('الشباب')).toEqual(['shabaab']);
    expect(ids('شباب')).toEqual(['shabaab']);
  });

  it('finds a Latin -at (teh marbuta) word from Arabic script written with ة', () => {
    expect(ids('ولاية خراسان')).toEqual(['iskp']);
    expect(ids('خراسان')).toEqual(['iskp']);
    expect(ids('Vilayeti Khurasan')).toEqual([]);
    expect(ids('Vilayet Khurasan')).toEqual(['iskp']);
    // Only -at/-et after three letters lose their t: Beirut and Kuwait keep it.
    expect(foldLatin('wilayat')).toBe(foldLatin('wilaya'));
    expect(foldLatin('beirut')).not.toBe(foldLatin('beiru'));
    expect(foldLatin('kuwait')).not.toBe(foldLatin('kuwai'));
  });

  it('finds a Latin name from Hebrew, with the article hyphenated or joined', () => {
    expect(ids('אל-שבאב')).toEqual(['shabaab']);
    expect(ids('השבאב')).toEqual(['shabaab']);
  });

  it('finds a name from Latin with the article joined, and ranks the whole name first', () => {
    expect(ids('alshabaab')).toEqual(['shabaab']);
    expect(index.search('alshabaab')[0]?.matchedName).toBe('Al-Shabaab');
    // Sun-letter spelling of the article.
    expect(ids('ash-Shabaab')).toEqual(['shabaab']);
  });

  it('finds a name from the French transcription (ch for sh)', () => {
    expect(ids('al-Chabab')).toEqual(['shabaab']);
    expect(ids('Chabab')).toEqual(['shabaab']);
  });

  it('finds Ethiopic and Latin names from Ethiopic written without the hyphen', () => {
    expect(ids('አልሸባብ')).toEqual(['shabaab']);
    const latinOnly = new NameIndex([{ id: 'shabaab', names: ['Harakat al-Shabaab al-Mujahideen', 'Al-Shabaab'] }]);
    expect(latinOnly.search('አልሸባብ').map((hit) => hit.id)).toEqual(['shabaab']);
  });

  it('keeps unrelated groups out of these results, and finds them by their own names', () => {
    for (const query of ['الشباب', 'شباب', 'ولاية خراسان', 'אל-שבאב', 'alshabaab', 'al-Chabab', 'Chabab', 'አልሸባብ']) {
      expect(ids(query), query).not.toEqual(expect.arrayContaining(['boko']));
      expect(ids(query).filter((id) => !['shabaab', 'iskp'].includes(id)), query).toEqual([]);
    }
    expect(ids('Jaish al-Adl')).toEqual(['adl']);
    expect(ids('Ansar al-Sharia')).toEqual(['ansar']);
    expect(ids('بوكو حرام')).toEqual(['boko']);
  });

  it('still needs the other words of the query when the article is missing from a name', () => {
    expect(ids('al-Adl')).toEqual(['adl']);
    expect(ids('al')).toEqual(expect.arrayContaining(['adl', 'ansar', 'shabaab']));
    expect(ids('Jaish al-Sharia')).toEqual([]);
  });
});
