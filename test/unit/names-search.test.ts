import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/domain/actor';
import { actorNameIndex, NameIndex } from '../../src/shared/names';
import { plainActor } from '../helpers/records';

const alias = (name: string, language: string, script: Actor['aliases'][number]['script'], transliteration?: string) => ({
  name,
  language,
  script,
  citations: [],
  ...(transliteration ? { transliteration } : {}),
});

const ACTORS: Actor[] = [
  plainActor('actor--iskp', 'Islamic State Khorasan Province', {
    aliases: [alias('ولاية خراسان', 'ar', 'Arab', 'Wilayat Khurasan'), alias('Вилояти Хуросон', 'tg', 'Cyrl'), alias('ISKP', 'en', 'Latn')],
  }),
  plainActor('actor--xuroson-ovozi', 'Xuroson Ovozi', { kind: 'media-outlet', aliases: [alias('Голос Хорасана', 'ru', 'Cyrl')] }),
  plainActor('actor--muhajir', 'Abu Muhajir', { kind: 'person', aliases: [alias('ابو مهاجر', 'ps', 'Arab')] }),
  plainActor('actor--mujahid', 'Zabihullah Mujahid', { kind: 'person' }),
  plainActor('actor--kandahar', 'Kandahar Shura', { kind: 'faction' }),
];

describe('searching actors across spellings', () => {
  const index = actorNameIndex(ACTORS);
  const ids = (query: string) => index.search(query).map((h) => h.id);

  it.each(['Khorasan', 'Khurasan', 'Khuroson', 'Xuroson', 'Хорасан', 'خراسان'])('finds the Khorasan actors from "%s"', (query) => {
    expect(ids(query)).toEqual(expect.arrayContaining(['actor--iskp', 'actor--xuroson-ovozi']));
    expect(ids(query)).not.toContain('actor--kandahar');
  });

  it('finds a person from Mohajer, Muhajir or the Arabic-script spelling, and not the similar-looking Mujahid', () => {
    for (const query of ['Mohajer', 'Muhajir', 'مهاجر', 'Муҳоҷир']) {
      expect(ids(query)[0]).toBe('actor--muhajir');
      expect(ids(query)).not.toContain('actor--mujahid');
    }
  });

  it('ranks a whole-name match above a word of a longer name, and says which name matched', () => {
    const hits = index.search('Xuroson Ovozi');
    expect(hits[0]).toMatchObject({ id: 'actor--xuroson-ovozi', matchedName: 'Xuroson Ovozi', matchedIndex: 0 });
    const viaAlias = index.search('Вилояти Хуросон');
    expect(viaAlias[0]).toMatchObject({ id: 'actor--iskp', matchedName: 'Вилояти Хуросон' });
    const viaTransliteration = index.search('wilayat khurasan');
    expect(viaTransliteration[0]?.id).toBe('actor--iskp');
    expect(viaTransliteration[0]?.matchedName).toBe('Wilayat Khurasan');
  });

  it('requires every word of the query and tolerates one typo in a long word', () => {
    expect(ids('Khorasan Ghag')).toEqual([]);
    expect(ids('Kandahr Shura')).toEqual(['actor--kandahar']);
  });

  it('matches the start of a word while typing', () => {
    expect(ids('Kand')).toEqual(['actor--kandahar']);
    expect(ids('isk')[0]).toBe('actor--iskp');
  });

  it('returns nothing for blank or punctuation-only queries', () => {
    expect(index.search('  ')).toEqual([]);
    expect(index.search('--')).toEqual([]);
  });

  it('indexes any named entries, not only actors', () => {
    const places = new NameIndex([{ id: 'p1', names: ['Mazar-i-Sharif', 'مزار شریف'] }]);
    expect(places.search('Mazari Sharif').map((h) => h.id)).toEqual(['p1']);
    expect(places.search('مزار شريف').map((h) => h.id)).toEqual(['p1']);
  });
});
