import {
  AlignmentType,
  Document,
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

function runs(list: readonly Run[]): ParagraphChild[] {
  return list.flatMap((r, i) => {
    if ('text' in r) return scriptRuns(r.text, { bold: r.strong });
    const marker = new FootnoteReferenceRun(r.footnote);
    return followsNote(list, i) ? [new TextRun({ text: ',', superScript: true }), marker] : [marker];
  });
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

async function block(b: Block): Promise<Array<Paragraph | Table>> {
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
      return [new Paragraph({ text: b.text, heading: HEADINGS[b.level] })];
    case 'paragraph':
      return [new Paragraph({ children: runs(b.runs) })];
    case 'list':
      return b.items.map((item, i) => new Paragraph({ children: [new TextRun(b.ordered ? `${i + 1}. ` : '• '), ...runs(item)], indent: { left: 360, hanging: 360 } }));
    case 'table': {
      const cell = (children: ParagraphChild[], header = false) => new TableCell({ children: [new Paragraph({ children })], shading: header ? { type: ShadingType.SOLID, color: 'F6F7F9', fill: 'F6F7F9' } : undefined });
      const header = new TableRow({ tableHeader: true, children: b.header.map((h) => cell([new TextRun({ text: h, bold: true })], true)) });
      return [new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...b.rows.map((r) => new TableRow({ children: r.map((c) => cell(runs(c))) }))] }), new Paragraph({ children: [new TextRun({ text: b.caption, italics: true, size: 16 })] })];
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

/** The report as a Word document: headings, tables, charts as PNG images, real footnotes. */
export async function reportDocx(doc: ReportDocument): Promise<Buffer> {
  const footnotes = Object.fromEntries(doc.footnotes.map((f) => [f.n, { children: [new Paragraph(f.text)] }]));
  const document = new Document({
    title: doc.title,
    creator: 'Casefile Workbench',
    fonts: docxEmbeddedFonts(JSON.stringify(doc)),
    footnotes,
    sections: [
      {
        // TLP 2.0: the label on every page, top and bottom, with page numbers (Word fills in the fields).
        headers: { default: new Header({ children: [banner(doc.marking, [], 17)] }) },
        footers: { default: new Footer({ children: [banner(doc.marking, [' · Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], 17)] }) },
        children: [...(await Promise.all(doc.blocks.map(block))).flat(), banner(doc.marking)],
      },
    ],
  });
  return Packer.toBuffer(document);
}
