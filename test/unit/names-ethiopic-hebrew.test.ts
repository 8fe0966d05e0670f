import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/domain/actor';
import { actorNameIndex, detectScript, isRightToLeft, nameKeys, toLatin, normaliseName } from '../../src/shared/names';
import { plainActor } from '../helpers/records';

const alias = (name: string, language: string, script: string) => ({ name, language, script, citations: [] });
const latin = (name: string) => nameKeys(name).map((k) => k.latin).join(' ');

describe("Ge'ez (Ethiopic) transliteration", () => {
  it('reads each syllable as consonant + vowel of its order', () => {
    expect(latin('አል-ሸባብ')).toBe('al shabab');
    expect(latin('ሐረካት አል-ሸባብ አል-ሙጃሂዲን')).toBe('harakat al shabab al mujahidin');
    expect(latin('ሞቃዲሾ')).toBe('moqadisho');
    expect(latin('ቦኮ ሐራም')).toBe('boko haram');
    // Word-initial እ is read i; labialised syllables keep their w.
    expect(latin('እስላም')).toBe('islam');
    expect(toLatin('ቋ')).toBe('qwa');
  });

  it('drops Ethiopic punctuation and gemination marks as word breaks and marks', () => {
    expect(normaliseName('አል፡ሸባብ።')).toBe('አል ሸባብ');
    expect(normaliseName('ሸ\u135Fባብ')).toBe('ሸባብ');
  });
});

describe('Hebrew transliteration', () => {
  it('reads consonants and the vowel letters ו and י', () => {
    expect(latin('אל-שבאב')).toBe('al shbab');
    expect(latin('חיזבאללה')).toBe('hizballa');
    expect(latin('בוקו חראם')).toBe('boqo hram');
  });

  it('reads a geresh, typed as ׳ or as an apostrophe, as the loan sound', () => {
    expect(latin('ג׳יהאד')).toBe('jihad');
    expect(latin("ג'יהאד")).toBe('jihad');
    expect(latin('ח׳אלד')).toBe('khald');
  });

  it('ignores vowel points (niqqud)', () => {
    expect(normaliseName('חֲמָאס')).toBe(normaliseName('חמאס'));
  });

  it('tells Hebrew and Ethiopic apart from the scripts it knew', () => {
    expect(detectScript('אל-שבאב')).toBe('Hebr');
    expect(detectScript('አል-ሸባብ')).toBe('Ethi');
    expect(detectScript('ولاية خراسان')).toBe('Arab');
    expect(isRightToLeft('אל-שבאב')).toBe(true);
    expect(isRightToLeft('አል-ሸባብ')).toBe(false);
  });
});

const ACTORS: Actor[] = [
  plainActor('actor--shabaab', 'Harakat al-Shabaab al-Mujahideen', {
    aliases: [alias('al-Shabaab', 'so', 'Latn'), alias('حركة الشباب المجاهدين', 'ar', 'Arab')],
  }),
  plainActor('actor--amharic', 'Jama’at Nusrat al-Islam wal-Muslimin', { aliases: [alias('ጀማዓት ኑስራት አል-ኢስላም', 'am', 'Ethi')] }),
  plainActor('actor--hebrew', 'Hezbollah', { aliases: [alias('חיזבאללה', 'he', 'Hebr')] }),
  plainActor('actor--boko', 'Boko Haram', {}),
  plainActor('actor--mogadishu-council', 'Mogadishu Council', { kind: 'faction' }),
  plainActor('actor--shura', 'Shura Council', { kind: 'faction' }),
];

describe('searching across Latin, Arabic, Ethiopic and Hebrew spellings', () => {
  const index = actorNameIndex(ACTORS);
  const ids = (query: string) => index.search(query).map((h) => h.id);

  it('finds a Latin-named actor from its Amharic and Hebrew spellings', () => {
    for (const query of ['አል-ሸባብ', 'ሸባብ', 'אל-שבאב', 'שבאב', 'al-Shabab', 'Shabaab']) {
      expect(ids(query)[0], query).toBe('actor--shabaab');
      expect(ids(query), query).not.toContain('actor--shura');
    }
    expect(ids('ቦኮ ሐራም')[0]).toBe('actor--boko');
    expect(ids('בוקו חראם')[0]).toBe('actor--boko');
    expect(ids('ሞቃዲሾ')[0]).toBe('actor--mogadishu-council');
  });

  it('finds an actor by the Latin spelling of its Amharic or Hebrew alias', () => {
    expect(ids('Nusrat al-Islam')[0]).toBe('actor--amharic');
    expect(ids('Jamaat Nusrat')[0]).toBe('actor--amharic');
    expect(ids('Hizballah')[0]).toBe('actor--hebrew');
    expect(ids('Hizbullah')[0]).toBe('actor--hebrew');
  });

  it('does not match unrelated names', () => {
    expect(ids('ሐራም ሸባብ')).toEqual([]);
    expect(ids('חמאס')).toEqual([]);
  });
});
