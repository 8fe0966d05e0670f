import { describe, expect, it } from 'vitest';
import { Actor } from '../../src/shared/domain/actor';
import { canonicalLanguageTag, isLanguageTag, isScriptCode, languageTagProblem, scriptName } from '../../src/shared/domain/language-tag';
import { allLanguages, languageName, resolveLanguage, searchLanguages } from '../../src/shared/domain/language-names';

const actorWith = (language: string, script = 'Latn') => ({
  id: 'actor--a', kind: 'organisation', name: 'A', aliases: [{ name: 'x', language, script, citations: [] }], roles: [], nationality: [], tags: [], marking: 'TLP:CLEAR', citations: [],
});

describe('alias languages: any registered BCP 47 tag', () => {
  it('accepts languages outside the old list of nine, with scripts and regions', () => {
    for (const tag of ['so', 'am', 'ha', 'fr', 'sw', 'ti', 'om', 'ff-Adlm', 'ps-Arab-AF', 'uz-Latn', 'tg-Cyrl', 'fa-AF', 'zh-Hant-TW', 'ar-001', 'und', 'qaa']) {
      expect(languageTagProblem(tag), tag).toBeNull();
      expect(Actor.safeParse(actorWith(tag)).success, tag).toBe(true);
    }
  });

  it('keeps every code the old fixed list offered', () => {
    for (const tag of ['en', 'ps', 'fa-AF', 'ar', 'tg', 'ru', 'uz-Latn', 'ur', 'tr']) expect(isLanguageTag(tag), tag).toBe(true);
  });

  it('refuses names, unknown codes and malformed tags, saying what to type', () => {
    for (const tag of ['Somali', 'zz', 'ps-Latn-Foo', 'en-', 'en--US', '', 'x'.repeat(40), 'so;drop', 'x-foo']) {
      expect(isLanguageTag(tag), tag).toBe(false);
      expect(Actor.safeParse(actorWith(tag)).success, tag).toBe(false);
    }
    expect(languageTagProblem('zz')).toContain('use a code such as so, am or uz-Latn');
  });

  it('writes a typed tag in the registry case', () => {
    expect(canonicalLanguageTag(' UZ-latn ')).toBe('uz-Latn');
    expect(canonicalLanguageTag('ps-arab-af')).toBe('ps-Arab-AF');
    expect(canonicalLanguageTag('Somali')).toBe('Somali');
  });

  it('scripts are ISO 15924 codes from the registry', () => {
    for (const code of ['Latn', 'Arab', 'Cyrl', 'Ethi', 'Hebr', 'Deva', 'Adlm']) expect(isScriptCode(code), code).toBe(true);
    for (const code of ['ethi', 'ETHI', 'Ethiopic', 'Qwxy']) expect(isScriptCode(code), code).toBe(false);
    expect(scriptName('Ethi')).toBe('Ethiopic');
    expect(Actor.safeParse(actorWith('am', 'Ethi')).success).toBe(true);
  });
});

describe('the language list the alias picker searches', () => {
  it('names tags in English, with script and region', () => {
    expect(languageName('so')).toBe('Somali');
    expect(languageName('am')).toBe('Amharic');
    expect(languageName('uz-Latn')).toBe('Uzbek (Latin)');
    expect(languageName('zz')).toBeNull();
  });

  it('finds languages by name or code, the common code first', () => {
    expect(searchLanguages('Somali')[0]).toEqual({ tag: 'so', name: 'Somali' });
    expect(searchLanguages('ha')[0]?.tag).toBe('ha');
    expect(searchLanguages('swah').map((o) => o.tag)).toContain('sw');
    expect(searchLanguages('ps-arab-af')[0]).toMatchObject({ tag: 'ps-Arab-AF' });
    expect(searchLanguages('   ')).toEqual([]);
    expect(allLanguages().length).toBeGreaterThan(7000);
  });

  it('turns what was left in the field into a tag, or nothing', () => {
    expect(resolveLanguage('Somali')).toBe('so');
    expect(resolveLanguage('amharic')).toBe('am');
    expect(resolveLanguage('TG-cyrl')).toBe('tg-Cyrl');
    expect(resolveLanguage('Somalian')).toBeNull();
    expect(resolveLanguage('zz')).toBeNull();
  });
});
