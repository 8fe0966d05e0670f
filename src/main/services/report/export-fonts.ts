import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The fonts exports draw text with, so a name in any script the app shows also prints (PDF),
 * embeds (HTML, DOCX) and rasterises (PNG) without tofu. TrueType files from assets/fonts (Noto,
 * SIL OFL 1.1: assets/fonts/OFL.txt); scripts/build-main.mjs copies them beside the bundles.
 */
export interface ExportFace {
  family: string;
  regular: string;
  bold: string;
  /** Letters this face exists for: a text holding none does not need it. */
  letters: RegExp;
}

export const EXPORT_FACES: readonly ExportFace[] = [
  { family: 'Noto Sans', regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf', letters: /[\p{Script=Latn}\p{Script=Cyrl}\p{Script=Grek}]/u },
  { family: 'Noto Sans Arabic', regular: 'NotoSansArabic-Regular.ttf', bold: 'NotoSansArabic-Bold.ttf', letters: /\p{Script=Arab}/u },
  { family: 'Noto Sans Hebrew', regular: 'NotoSansHebrew-Regular.ttf', bold: 'NotoSansHebrew-Bold.ttf', letters: /\p{Script=Hebr}/u },
  { family: 'Noto Sans Ethiopic', regular: 'NotoSansEthiopic-Regular.ttf', bold: 'NotoSansEthiopic-Bold.ttf', letters: /\p{Script=Ethi}/u },
  { family: 'Noto Sans Devanagari', regular: 'NotoSansDevanagari-Regular.ttf', bold: 'NotoSansDevanagari-Bold.ttf', letters: /\p{Script=Deva}/u },
];

/** The CSS font stack of exported pages: the bundled faces, then what the reader's system has. */
export const EXPORT_FONT_STACK = `${EXPORT_FACES.map((f) => `'${f.family}'`).join(', ')}, 'DejaVu Sans', Arial, sans-serif`;

/** Where the TrueType files are: beside the bundle (dist/electron/fonts, dist/cli/fonts) or in the source tree. */
export function exportFontDirectory(): string | null {
  const candidates = [new URL('fonts/', import.meta.url), new URL('../../../../assets/fonts/', import.meta.url)].map((u) => fileURLToPath(u));
  return candidates.find((dir) => existsSync(join(dir, EXPORT_FACES[0]?.regular ?? ''))) ?? null;
}

const cache = new Map<string, Buffer>();

/** The bytes of one bundled font file (read once); null when the fonts are not installed. */
export function exportFontFile(file: string): Buffer | null {
  const cached = cache.get(file);
  if (cached) return cached;
  const dir = exportFontDirectory();
  if (!dir || !existsSync(join(dir, file))) return null;
  const bytes = readFileSync(join(dir, file));
  cache.set(file, bytes);
  return bytes;
}

/** The faces `text` needs: Noto Sans always (Latin, digits, punctuation), others for the scripts it holds. */
export function facesFor(text: string): ExportFace[] {
  return EXPORT_FACES.filter((face, i) => i === 0 || face.letters.test(text));
}

/** @font-face rules with the faces `text` needs as data: URLs, for a self-contained HTML page (and the PDF printed from it). */
export function fontFaceCss(text: string): string {
  const rules: string[] = [];
  for (const face of facesFor(text)) {
    for (const [file, weight] of [[face.regular, 400], [face.bold, 700]] as const) {
      const bytes = exportFontFile(file);
      if (bytes) rules.push(`@font-face{font-family:'${face.family}';font-weight:${weight};font-style:normal;src:url(data:font/ttf;base64,${bytes.toString('base64')}) format('truetype')}`);
    }
  }
  return rules.join('\n');
}

/** Every bundled face, regular and bold, for the PNG rasteriser (WebAssembly sees no system font). */
export function allExportFontBuffers(): Uint8Array[] {
  return EXPORT_FACES.flatMap((f) => [f.regular, f.bold])
    .map((file) => exportFontFile(file))
    .filter((b): b is Buffer => b !== null)
    .map((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
}

/** Splits text into pieces of one script each, with the bundled family that draws it (Latin, digits, spaces: Noto Sans). */
export function scriptPieces(text: string): Array<{ text: string; family: string }> {
  const pieces: Array<{ text: string; family: string }> = [];
  const base = EXPORT_FACES[0]?.family ?? 'Noto Sans';
  for (const char of text) {
    const face = EXPORT_FACES.slice(1).find((f) => f.letters.test(char));
    // Spaces, digits and punctuation stay with the piece they are in, so a name is one run.
    const family = face?.family ?? (/[\p{L}]/u.test(char) ? base : (pieces.at(-1)?.family ?? base));
    const last = pieces.at(-1);
    if (last && last.family === family) last.text += char;
    else pieces.push({ text: char, family });
  }
  return pieces;
}
