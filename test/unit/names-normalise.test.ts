import { describe, expect, it } from 'vitest';
import { detectScript, isRightToLeft, nameKeys, normaliseName, toLatin } from '../../src/shared/names';

describe('name normalisation', () => {
  it('folds case, width forms and diacritics', () => {
    expect(normaliseName('  ÉMIRAT  Islamique ')).toBe('emirat islamique');
    expect(normaliseName('ＩＳＫＰ')).toBe('iskp');
    expect(normaliseName('Wilāyat Khurāsān')).toBe('wilayat khurasan');
    expect(normaliseName('al-Qa`ida')).toBe('al qaida');
  });

  it('unifies Arabic-script letter variants and drops tatweel and harakat', () => {
    // Persian yeh/kaf vs Arabic yeh/kaf, alef with hamza, teh marbuta, tatweel, fatha/kasra.
    expect(normaliseName('ولایت')).toBe(normaliseName('ولايت'));
    expect(normaliseName('کابل')).toBe(normaliseName('كابل'));
    expect(normaliseName('إسلامی')).toBe(normaliseName('اسلامي'));
    expect(normaliseName('خـــراسان')).toBe(normaliseName('خراسان'));
    expect(normaliseName('خُرَاسَان')).toBe(normaliseName('خراسان'));
    expect(normaliseName('الدولة')).toBe(normaliseName('الدوله'));
  });

  it('reads the Uzbek Latin apostrophe letters oʻ gʻ without a gap', () => {
    expect(normaliseName('Gʻazot')).toBe('gazot');
    expect(normaliseName('Oʻzbekiston')).toBe('ozbekiston');
  });

  it('detects the script a name is written in', () => {
    expect(detectScript('Вилояти Хуросон')).toBe('Cyrl');
    expect(detectScript('ولاية خراسان')).toBe('Arab');
    expect(detectScript('Xuroson viloyati')).toBe('Latn');
    expect(detectScript('ISKP خراسان')).toBe('mixed');
    expect(detectScript('123')).toBe('other');
    expect(isRightToLeft('داعش خراسان')).toBe(true);
    expect(isRightToLeft('Khorasan')).toBe(false);
  });
});

describe('transliteration to Latin', () => {
  it('romanises Tajik Cyrillic including ҳ қ ғ ӯ ӣ ҷ', () => {
    expect(toLatin(normaliseName('Муҳоҷир'))).toBe('muhojir');
    expect(toLatin(normaliseName('қӯғӣ'))).toBe('qughi');
    expect(toLatin(normaliseName('Хуросон'))).toBe('khuroson');
  });

  it('romanises Russian Cyrillic', () => {
    expect(toLatin(normaliseName('Вилаят Хорасан'))).toBe('vilayat khorasan');
    expect(toLatin(normaliseName('Шура'))).toBe('shura');
  });

  it('romanises Arabic-script Pashto and Dari consonants and long vowels', () => {
    expect(toLatin(normaliseName('خراسان'))).toBe('khrasan');
    expect(toLatin(normaliseName('ښار'))).toBe('shar');
    expect(toLatin(normaliseName('څاروال'))).toBe('tsarwal');
  });
});

describe('variant keys', () => {
  const folded = (name: string) => nameKeys(name).map((k) => k.folded).join(' ');
  const skeleton = (name: string) => nameKeys(name).map((k) => k.skeleton).join(' ');

  it('puts Khorasan, Khurasan, Khuroson, Xuroson, Хуросон and Хорасан on one spelling', () => {
    const forms = ['Khorasan', 'Khurasan', 'Khuroson', 'Xuroson', 'Хуросон', 'Хорасан'];
    expect(new Set(forms.map(folded)).size).toBe(1);
  });

  it('puts Muhajir, Mohajer, Муҳоҷир and مهاجر on one consonant skeleton', () => {
    expect(new Set(['Muhajir', 'Mohajer', 'Муҳоҷир', 'مهاجر'].map(skeleton))).toEqual(new Set(['mhjr']));
  });

  it('keeps different names apart', () => {
    expect(skeleton('Khorasan')).not.toBe(skeleton('Kandahar'));
    expect(folded('Muhajir')).not.toBe(folded('Mujahid'));
  });
});
