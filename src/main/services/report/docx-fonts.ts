import { TextRun, type IRunOptions } from 'docx';
import { EXPORT_FACES, exportFontFile, facesFor, scriptPieces } from './export-fonts';

const BASE_FAMILY = EXPORT_FACES[0]?.family;

/**
 * Text as Word runs, one per script: Latin keeps the document's default font; Arabic script,
 * Hebrew, Ge'ez and Devanagari name their bundled Noto face for every character class Word
 * knows (ASCII, high ANSI, complex script, East Asian), so Word never picks a face without the glyphs.
 */
export function scriptRuns(text: string, options: Omit<IRunOptions, 'text' | 'font'> = {}): TextRun[] {
  return scriptPieces(text).map((piece) =>
    piece.family === BASE_FAMILY
      ? new TextRun({ ...options, text: piece.text })
      : new TextRun({ ...options, text: piece.text, font: { ascii: piece.family, hAnsi: piece.family, cs: piece.family, eastAsia: piece.family } }),
  );
}

/** The non-Latin faces `text` needs, embedded in the .docx so it shows on a computer without them. */
export function docxEmbeddedFonts(text: string): Array<{ name: string; data: Buffer; bold?: Buffer }> {
  return facesFor(text)
    .filter((face) => face.family !== BASE_FAMILY)
    .flatMap((face) => {
      const data = exportFontFile(face.regular);
      const bold = exportFontFile(face.bold);
      return data ? [{ name: face.family, data, ...(bold ? { bold } : {}) }] : [];
    });
}
