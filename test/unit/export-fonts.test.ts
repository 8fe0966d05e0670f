import { describe, expect, it } from 'vitest';
import { EXPORT_FACES, facesFor, fontFaceCss, scriptPieces } from '../../src/main/services/report/export-fonts';
import { svgToPng } from '../../src/main/services/report/rasterize';
import { reportHtml } from '../../src/main/services/report/html';
import { reportDocx } from '../../src/main/services/report/docx';
import { strFromU8, unzipSync } from 'fflate';

/** A line of text as an export draws it: the chart SVGs name DejaVu/Arial, which lack most scripts. */
const svgOf = (text: string, family = 'DejaVu Sans, Arial, sans-serif') =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="60"><rect width="400" height="60" fill="#fff"/>${text ? `<text x="10" y="40" font-size="24" font-family="${family}" fill="#000">${text}</text>` : ''}</svg>`;

/** Per script: a name, and two different letters of it. A font without the script draws every letter as the
 * same empty box (tofu), so two different letters render identically only when they are tofu. */
const NAMES = [
  { text: 'አል-ሸባብ', family: 'Noto Sans Ethiopic', a: 'አል', b: 'ሸባ' },
  { text: 'جمعیت علمائے اسلام', family: 'Noto Sans Arabic', a: 'جم', b: 'سل' },
  { text: 'אל-שבאב', family: 'Noto Sans Hebrew', a: 'אל', b: 'שב' },
  { text: 'अल-शबाब', family: 'Noto Sans Devanagari', a: 'अल', b: 'शब' },
];

describe('PNG exports draw every script with the bundled fonts', () => {
  it.each(NAMES)('$text is drawn by $family, not as tofu', async ({ text, family, a, b }) => {
    // Different letters look different: real glyphs, not one box repeated.
    expect((await svgToPng(svgOf(a), 400)).equals(await svgToPng(svgOf(b), 400))).toBe(false);
    // The chart's own font list (DejaVu, Arial) falls through to exactly the bundled face for the script.
    expect((await svgToPng(svgOf(text), 400)).equals(await svgToPng(svgOf(text, family), 400))).toBe(true);
  });

  it('a script without a bundled face is drawn as boxes, and the export still succeeds', async () => {
    // Cherokee is not bundled: two different letters come out as the same box.
    const one = await svgToPng(svgOf('Ꮳ'), 400);
    expect(one.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(one.equals(await svgToPng(svgOf('Ꮃ'), 400))).toBe(true);
  });
});

describe('HTML (and PDF) and DOCX exports carry the fonts their text needs', () => {
  it('embeds only the faces for the scripts present, as data: URLs the page policy allows', () => {
    expect(facesFor('Harakat al-Shabaab').map((f) => f.family)).toEqual(['Noto Sans']);
    expect(facesFor('አል-ሸባብ / אל-שבאב').map((f) => f.family)).toEqual(['Noto Sans', 'Noto Sans Hebrew', 'Noto Sans Ethiopic']);
    const css = fontFaceCss('አል-ሸባብ');
    expect(css).toContain("font-family:'Noto Sans Ethiopic';font-weight:400");
    expect(css).toContain("font-family:'Noto Sans Ethiopic';font-weight:700");
    expect(css).not.toContain('Noto Sans Hebrew');
    expect(EXPORT_FACES.every((f) => /^Noto /.test(f.family))).toBe(true);
  });

  it('a report page with an Amharic alias names and embeds the Ethiopic face', () => {
    const html = reportHtml({ title: 'Brief', marking: 'TLP:CLEAR', footnotes: [], blocks: [{ type: 'paragraph', runs: [{ text: 'Also known as አል-ሸባብ.' }] }] } as unknown as Parameters<typeof reportHtml>[0]);
    expect(html).toContain("font-src data:");
    expect(html).toMatch(/@font-face\{font-family:'Noto Sans Ethiopic'/);
    expect(html).toMatch(/body \{ font-family: 'Noto Sans', 'Noto Sans Arabic', 'Noto Sans Hebrew', 'Noto Sans Ethiopic'/);
  });

  it('a Word report names the Ethiopic face on the Amharic run and embeds it; a Latin-only one embeds nothing', async () => {
    const report = (text: string) => ({ title: 'Brief', marking: 'TLP:CLEAR', footnotes: [], blocks: [{ type: 'paragraph', runs: [{ text }] }] }) as unknown as Parameters<typeof reportDocx>[0];
    const files = unzipSync(new Uint8Array(await reportDocx(report('Also known as አል-ሸባብ.'))));
    const body = strFromU8(files['word/document.xml'] as Uint8Array);
    expect(body).toMatch(/<w:rFonts w:ascii="Noto Sans Ethiopic"[^>]*\/><\/w:rPr><w:t xml:space="preserve">አል-ሸባብ/);
    expect(strFromU8(files['word/fontTable.xml'] as Uint8Array)).toContain('Noto Sans Ethiopic');
    expect(Object.keys(files).filter((f) => f.startsWith('word/fonts/')).length).toBe(2); // regular and bold
    const latin = unzipSync(new Uint8Array(await reportDocx(report('Also known as al-Shabaab.'))));
    expect(Object.keys(latin).filter((f) => f.startsWith('word/fonts/'))).toEqual([]);
  });

  it('splits mixed text into runs of one script for DOCX', () => {
    expect(scriptPieces('al-Shabaab (አል-ሸባብ)')).toEqual([
      { text: 'al-Shabaab (', family: 'Noto Sans' },
      { text: 'አል-ሸባብ)', family: 'Noto Sans Ethiopic' },
    ]);
  });
});
