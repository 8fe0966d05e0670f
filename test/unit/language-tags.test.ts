import { describe, expect, it } from 'vitest';
import { Actor } from '../../src/shared/domain/actor';
import { canonicalLanguageTag, isLanguageTag, isScriptCode, languageTagProblem, scriptName } from '../../src/shared/domain/language-tag';

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
