import {
  AlignmentType,
  Document,
  EndnoteReferenceRun,
  Footer,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { coverageNote } from '../../../shared/analytics/imprecision';
import { mapSvg } from '../../../shared/analytics/svg';
import type { Block, ReportDocument, Run } from '../../../shared/report/document';
import { chartSvg } from './chart-svg';
import { svgToPng } from './rasterize';
import { docxEmbeddedFonts, scriptRuns } from './docx-fonts';
import { followsNote } from '../../../shared/report/footnotes';

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** Notes at the foot of each page (Word footnotes) or at the end (Word endnotes), as the export chose. */
interface Notes {
  endnotes: boolean;
}

function runs(list: readonly Run[], rtl = false, notes: Notes = { endnotes: false }): ParagraphChild[] {
  return list.flatMap((r, i) => {
    if ('text' in r) {
      return scriptRuns(r.text, {
        bold: r.strong,
        italics: r.em,
        ...(r.underline ? { underline: {} } : {}),
        strike: r.strike,
        superScript: r.sup,
        subScript: r.sub,
        ...(r.code ? { font: 'Courier New' } : {}),
        ...(rtl ? { rightToLeft: true } : {}),
      });
    }
    const marker = notes.endnotes ? new EndnoteReferenceRun(r.footnote) : new FootnoteReferenceRun(r.footnote);
    return followsNote(list, i) ? [new TextRun({ text: ',', superScript: true }), marker] : [marker];
  });
}

/** A written block's direction and quotation indent as Word paragraph properties (RTL paragraphs are bidi). */
function layout(dir: 'ltr' | 'rtl' | undefined, quote?: boolean) {
  return { ...(dir === 'rtl' ? { bidirectional: true } : {}), ...(quote ? { indent: { left: 720, right: 720 } } : {}) };
}

/** A figure: the drawing as PNG at twice its size (sharp in print), then its caption. */
async function figure(svg: string, width: number, height: number, title: string, caption: string): Promise<Paragraph[]> {
  const image = new ImageRun({ type: 'png', data: await svgToPng(svg, width * 2), transformation: { width: 600, height: Math.round((600 * height) / width) }, altText: { name: title, title, description: caption } });
  return [new Paragraph({ children: [image], alignment: AlignmentType.CENTER }), new Paragraph({ children: [new TextRun({ text: `${title}. ${caption}`, italics: true, size: 16 })] })];
}

const markingColour = (marking: string) => (marking.includes('RED') ? 'FF2B2B' : marking.includes('AMBER') ? 'FFC000' : marking.includes('GREEN') ? '33FF00' : 'FFFFFF');

/** The marking in its TLP colours on black; `tail` follows it in the same style (the footer's page numbers). */
function banner(marking: string, tail: Array<string | (typeof PageNumber)[keyof typeof PageNumber]> = [], size?: number): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    shading: { type: ShadingType.SOLID, color: '000000', fill: '000000' },
    children: [new TextRun({ text: marking, bold: true, color: markingColour(marking), size }), ...(tail.length ? [new TextRun({ children: tail, bold: true, color: markingColour(marking), size })] : [])],
  });
}

async function block(b: Block, notes: Notes): Promise<Array<Paragraph | Table>> {
  switch (b.type) {
    case 'banner':
      return [banner(b.marking)];
    case 'title':
      return [
        new Paragraph({ text: b.title, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { before: 2400 } }),
        ...(b.subtitle ? [new Paragraph({ children: [new TextRun({ text: b.subtitle, size: 28 })], alignment: AlignmentType.CENTER })] : []),
        ...b.lines.map((l) => new Paragraph({ text: l, alignment: AlignmentType.CENTER })),
      ];
    case 'heading':
      // Word's heading styles: the navigation pane lists them.
      return [new Paragraph({ children: scriptRuns(b.text, b.dir === 'rtl' ? { rightToLeft: true } : {}), heading: HEADINGS[b.level], ...layout(b.dir) })];
    case 'paragraph':
      if (b.role === 'caption') return [new Paragraph({ children: runs(b.runs.map((r) => ('text' in r ? { ...r, em: true } : r)), b.dir === 'rtl', notes), style: 'Caption', ...layout(b.dir) })];
      return [new Paragraph({ children: runs(b.runs, b.dir === 'rtl', notes), ...layout(b.dir, b.quote) })];
    case 'list':
      return b.items.map((item, i) => {
        const dir = b.itemDirs?.[i] ?? b.dir;
        return new Paragraph({ children: [new TextRun(b.ordered ? `${i + 1}. ` : '• '), ...runs(item, dir === 'rtl', notes)], ...layout(dir), indent: { left: b.quote ? 1080 : 360, hanging: 360 } });
      });
    case 'table': {
      const rtl = b.dir === 'rtl';
      const cell = (children: ParagraphChild[], header = false) => new TableCell({ children: [new Paragraph({ children, ...layout(b.dir) })], shading: header ? { type: ShadingType.SOLID, color: 'F6F7F9', fill: 'F6F7F9' } : undefined });
      const header = b.header.length ? [new TableRow({ tableHeader: true, children: b.header.map((h) => cell([new TextRun({ text: h, bold: true, rightToLeft: rtl })], true)) })] : [];
      const rows = [...header, ...b.rows.map((r) => new TableRow({ children: r.map((c) => cell(runs(c, rtl, notes))) }))];
      if (!rows.length) return [];
      return [new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows, ...(rtl ? { visuallyRightToLeft: true } : {}) }), ...(b.caption ? [new Paragraph({ children: [new TextRun({ text: b.caption, italics: true, size: 16 })] })] : [])];
    }
    case 'chart':
      return figure(chartSvg(b.chart), 760, 420, b.chart.title, coverageNote(b.chart.coverage));
    case 'map':
      return figure(mapSvg(b.map), b.map.width, b.map.height + 56, b.map.title, `${coverageNote(b.map.coverage)} ${b.map.attribution}`);
    case 'page-break':
      return [new Paragraph({ children: [new PageBreak()] })];
    case 'omitted':
      return [new Paragraph({ children: [new TextRun({ text: b.text, italics: true })] })];
  }
}

/** The works cited after the text, each entry with a hanging indent. */
function bibliography(doc: ReportDocument): Paragraph[] {
  if (!doc.bibliography) return [];
  return [new Paragraph({ text: doc.bibliography.heading, heading: HeadingLevel.HEADING_1, pageBreakBefore: true }), ...doc.bibliography.entries.map((e) => new Paragraph({ children: scriptRuns(e), indent: { left: 720, hanging: 720 }, spacing: { after: 120 } }))];
}

/** The report as a Word document: headings, tables, charts as PNG images, real footnotes (or endnotes). */
export async function reportDocx(doc: ReportDocument): Promise<Buffer> {
  const notes = Object.fromEntries(doc.footnotes.map((f) => [f.n, { children: [new Paragraph({ children: scriptRuns(f.text) })] }]));
  const endnotes = doc.notePlacement === 'endnotes';
  const body = (await Promise.all(doc.blocks.map((b) => block(b, { endnotes })))).flat();
  const document = new Document({
    title: doc.title,
    ...(doc.meta?.subtitle ? { subject: doc.meta.subtitle } : {}),
    creator: doc.meta?.authors.length ? doc.meta.authors.join(', ') : 'Casefile Workbench',
    fonts: docxEmbeddedFonts(JSON.stringify(doc)),
    ...(endnotes ? { endnotes: notes } : { footnotes: notes }),
    sections: [
      {
        // TLP 2.0: the label on every page, top and bottom, with page numbers (Word fills in the fields).
        headers: { default: new Header({ children: [banner(doc.marking, [], 17)] }) },
        footers: { default: new Footer({ children: [banner(doc.marking, [' · Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], 17)] }) },
        children: [...body, ...bibliography(doc), banner(doc.marking)],
      },
    ],
  });
  return Packer.toBuffer(document);
}
