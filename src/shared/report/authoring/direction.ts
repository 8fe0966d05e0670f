/**
 * Paragraph direction from the first strong character (Unicode bidi rule P2, simplified to
 * letters): Arabic script (Pashto, Dari, Urdu, Arabic), Hebrew, Syriac, Thaana and N'Ko are
 * right-to-left; any other letter is left-to-right; text without letters has no direction.
 */
const RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const LETTER = /\p{L}/u;

export function firstStrongDirection(text: string): 'rtl' | 'ltr' | null {
  for (const ch of text) {
    if (RTL.test(ch)) return 'rtl';
    if (LETTER.test(ch)) return 'ltr';
  }
  return null;
}

/** A block's direction: its own setting, or, when "auto", the first strong character of its text (LTR when none). */
export function blockDirection(dir: unknown, text: string): 'rtl' | 'ltr' {
  if (dir === 'rtl' || dir === 'ltr') return dir;
  return firstStrongDirection(text) ?? 'ltr';
}
