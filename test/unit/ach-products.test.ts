import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { matrixCsv, matrixXlsx, neutralise } from '../../src/main/services/ach-export';
import { reportMarkdown } from '../../src/main/services/report/markdown';
import { listLookup } from '../../src/shared/ach/lookup';
import { matrixAt } from '../../src/shared/ach/product';
import { matrixSvg } from '../../src/shared/ach/svg';
import { buildReport } from '../../src/shared/report/build';
import { builtInTemplate } from '../../src/shared/report/template';
import { EXAMPLE, exampleCase } from '../helpers/ach';

const HOSTILE = ['=HYPERLINK("http://x.example","y")', '+1+1', '-2+3', '@SUM(A1)', '\tstart', '\rstart'];

/** The example with E2 marked AMBER and notes that a spreadsheet would run as formulas. */
function hostileCase() {
  const doc = exampleCase();
  doc.matrixRows[1] = { ...doc.matrixRows[1]!, marking: 'TLP:AMBER', title: 'AMBER evidence, never in a GREEN product' };
  doc.matrixRows[0] = { ...doc.matrixRows[0]!, title: HOSTILE[0]!, ratings: { ...doc.matrixRows[0]!.ratings, [EXAMPLE.h[0]]: { value: 'C', note: HOSTILE[1]! } } };
  doc.matrices[0] = { ...doc.matrices[0]!, title: HOSTILE[3]!, hypotheses: doc.matrices[0]!.hypotheses.map((h, i) => ({ ...h, statement: i === 0 ? HOSTILE[2]! : h.statement })) };
  return doc;
}

function greenView() {
  const doc = hostileCase();
  const view = matrixAt(doc.matrices[0]!, doc.matrixRows, listLookup(doc), 'TLP:GREEN');
  if (!view) throw new Error('matrix withheld');
  return view;
}

describe('a matrix exported alone', () => {
  it('neutralises text a spreadsheet would run, and leaves numbers alone', () => {
    expect(HOSTILE.map((t) => neutralise(t))).toEqual(HOSTILE.map((t) => `'${t}`));
    expect(neutralise(-2)).toBe(-2);
    expect(neutralise('Plain words')).toBe('Plain words');
  });

  it('CSV: marked first and last, the rows within the cut, scores computed without the rest, no cell a formula', () => {
    const csv = matrixCsv(greenView()).toString('utf8');
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('TLP:CLEAR');
    expect(lines.at(-1)).toBe('TLP:CLEAR');
    expect(csv).not.toContain('AMBER evidence');
    // No field starts with a formula character (quoted fields are checked inside their quotes).
    const fields = lines.flatMap((l) => l.match(/("([^"]|"")*"|[^,]*)/g) ?? []).map((f) => f.replace(/^"|"$/g, ''));
    expect(fields.filter((f) => /^[=+\-@\t\r]/.test(f))).toEqual([]);
    // The row's title and the question start their cells: both are shown as text.
    expect(csv).toContain(`"'${HOSTILE[0]!.replace(/"/g, '""')}"`);
    expect(csv).toContain(`'${HOSTILE[3]}`);
    // Without E2 (weight 2): H1 inconsistency 1, H2 4, H3 8.
    expect(lines.find((l) => l.startsWith('Inconsistency'))).toBe('Inconsistency (lower is more likely),,,,,,1,4,8,,');
    expect(csv).toContain('1 row(s) marked above TLP:GREEN are left out');
  });

  it('XLSX: one sheet, plain values (no formulas), the marking in the header and footer of every page', async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = await matrixXlsx(greenView());
    // ExcelJS types its input as the older Buffer; the bytes are the same.
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const values: unknown[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values.some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
    expect(values.filter((v) => typeof v === 'string' && /^[=+\-@\t\r]/.test(v))).toEqual([]);
    expect(values).toContain(`'${HOSTILE[0]}`);
    expect(values).toContain(4); // E1's weight stays a number
    expect(sheet.headerFooter.oddHeader).toContain('TLP:CLEAR');
    expect(sheet.headerFooter.oddFooter).toContain('TLP:CLEAR');
    expect(JSON.stringify(values)).not.toContain('AMBER evidence');
  });

  it('SVG: a standalone image with the marking, the cells and the lead, nothing above the cut', () => {
    const { svg, width, height } = matrixSvg(greenView());
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(width).toBeGreaterThan(500);
    expect(height).toBeGreaterThan(200);
    expect(svg.match(/>TLP:CLEAR</g)?.length).toBe(2);
    expect(svg).toContain('1 row(s) marked above TLP:GREEN left out');
    expect(svg).toContain('Tentative lead: H1');
    expect(svg).not.toContain('AMBER evidence');
    expect(svg).toContain('=HYPERLINK(&quot;');
  });

  it('a matrix above the cut gives nothing at all', () => {
    const doc = exampleCase();
    doc.matrices[0] = { ...doc.matrices[0]!, marking: 'TLP:AMBER' };
    expect(matrixAt(doc.matrices[0]!, doc.matrixRows, listLookup(doc), 'TLP:GREEN')).toBeNull();
  });
});

describe('a matrix in the written report', () => {
  it('appears as a section with its table, scores, lead and sensitivity, cut at the report’s marking and listed when left out', () => {
    const doc = hostileCase();
    doc.matrices[0] = { ...doc.matrices[0]!, title: 'Who is behind the attack?' };
    const template = { ...builtInTemplate('default', doc.name), maxMarking: 'TLP:GREEN' as const };
    const report = buildReport({ caseName: doc.name, ...doc }, template, new Date('2025-01-02T00:00:00Z'));
    const md = reportMarkdown(report);
    expect(md).toContain('## Competing hypotheses');
    expect(md).toContain('### Who is behind the attack?');
    expect(md).toContain('Tentative lead: H1');
    expect(md).not.toContain('AMBER evidence');
    expect(report.leftOut).toContainEqual({ collection: 'matrixRows', id: EXAMPLE.rows[1], title: 'AMBER evidence, never in a GREEN product', marking: 'TLP:AMBER', reason: "marked TLP:AMBER, above the report's maximum TLP:GREEN" });
    const table = report.blocks.find((b) => b.type === 'table' && b.caption.startsWith('Who is behind'));
    expect(table?.type === 'table' && table.header).toEqual(['Evidence', 'Weight', 'H1', 'H2', 'H3', 'Diagnosticity']);
    expect(report.size.sections.find((s) => s.kind === 'ach')?.label).toBe('1 matrix');
    // A template that leaves the section out, or picks no matrix, has none.
    const without = buildReport({ caseName: doc.name, ...doc }, { ...template, matrixIds: [] }, new Date());
    expect(reportMarkdown(without)).not.toContain('Competing hypotheses');
  });

  it('a case without matrices has no ACH section and no change to its size', () => {
    const doc = exampleCase({ rows: false });
    const report = buildReport({ caseName: doc.name, ...doc }, builtInTemplate('full', doc.name), new Date());
    expect(report.size.sections.map((s) => s.kind)).not.toContain('ach');
  });
});
