import { escapeXml } from '../analytics/svg';
import type { Rating } from '../domain/ach';
import type { MatrixView } from './product';
import { leadText, sensitivityLines } from './table';

/** Cell colours: consistent in blues, inconsistent in reds, so the pattern reads at a glance. */
export const RATING_COLOURS: Record<Rating, string> = { CC: '#1f5fa8', C: '#8fb6e0', N: '#eeeeee', I: '#e6a19a', II: '#b3261e', NA: '#ffffff' };
const TEXT_ON: Record<Rating, string> = { CC: '#ffffff', C: '#111111', N: '#111111', I: '#111111', II: '#ffffff', NA: '#777777' };

const EVIDENCE_W = 380;
const WEIGHT_W = 60;
const CELL_W = 64;
const DIAG_W = 70;
const ROW_H = 26;
const PAD = 16;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The matrix as a standalone SVG document on white (the view's SVG and PNG exports): its marking
 * at top and bottom, the question, hypotheses as columns H1…Hn with their statements listed,
 * ratings as coloured cells, scores under each column, the lead and the rows it rests on.
 */
export function matrixSvg(view: MatrixView): { svg: string; width: number; height: number } {
  const hyps = view.matrix.hypotheses;
  const width = PAD * 2 + EVIDENCE_W + WEIGHT_W + CELL_W * hyps.length + DIAG_W;
  const parts: string[] = [];
  let y = PAD;
  const text = (x: number, yy: number, s: string, attrs = '') => parts.push(`<text x="${x}" y="${yy}" ${attrs}>${escapeXml(s)}</text>`);
  text(PAD, y + 12, view.marking, 'font-weight="bold" fill="#b35c00"');
  y += 30;
  text(PAD, y + 14, clip(view.matrix.title, 110), 'font-size="16" font-weight="bold"');
  y += 26;
  for (const [i, h] of hyps.entries()) {
    text(PAD, y + 12, clip(`H${i + 1}: ${h.statement}`, 130), `${view.scores.lead === h.id ? 'font-weight="bold"' : ''}`);
    y += 18;
  }
  y += 10;
  const x0 = PAD + EVIDENCE_W + WEIGHT_W;
  text(PAD, y + 16, 'Evidence', 'font-weight="bold"');
  text(PAD + EVIDENCE_W, y + 16, 'Weight', 'font-weight="bold"');
  hyps.forEach((h, i) => text(x0 + i * CELL_W + CELL_W / 2, y + 16, `H${i + 1}`, `font-weight="bold" text-anchor="middle"${view.scores.lead === h.id ? ' text-decoration="underline"' : ''}`));
  text(x0 + hyps.length * CELL_W + 8, y + 16, 'Diag.', 'font-weight="bold"');
  y += ROW_H;
  const diag = new Map(view.scores.rows.map((r) => [r.id, r.diagnosticity]));
  for (const { row, status } of view.rows) {
    parts.push(`<line x1="${PAD}" y1="${y}" x2="${width - PAD}" y2="${y}" stroke="#dddddd"/>`);
    text(PAD, y + 17, clip(`${row.kind === 'assumption' ? '[Assumption] ' : ''}${row.title}`, 58));
    text(PAD + EVIDENCE_W, y + 17, String(status.weight));
    hyps.forEach((h, i) => {
      const cell = row.ratings[h.id];
      if (!cell) return;
      const x = x0 + i * CELL_W;
      parts.push(`<rect x="${x + 2}" y="${y + 2}" width="${CELL_W - 4}" height="${ROW_H - 4}" fill="${RATING_COLOURS[cell.value]}" stroke="#cccccc"/>`);
      text(x + CELL_W / 2, y + 17, `${cell.value}${cell.others?.length ? '*' : ''}`, `text-anchor="middle" fill="${TEXT_ON[cell.value]}"`);
    });
    text(x0 + hyps.length * CELL_W + 8, y + 17, String(diag.get(row.id) ?? 0));
    y += ROW_H;
  }
  parts.push(`<line x1="${PAD}" y1="${y}" x2="${width - PAD}" y2="${y}" stroke="#888888"/>`);
  for (const [label, key] of [['Inconsistency', 'inconsistency'], ['Consistency', 'consistency']] as const) {
    text(PAD, y + 17, label, 'font-weight="bold"');
    view.scores.hypotheses.forEach((s, i) => text(x0 + i * CELL_W + CELL_W / 2, y + 17, String(s[key]), 'text-anchor="middle"'));
    y += ROW_H;
  }
  y += 8;
  const disputed = view.rows.some(({ row }) => Object.values(row.ratings).some((c) => c.others?.length));
  const notes = [
    leadText(view),
    ...sensitivityLines(view).map((l) => `Sensitive: ${l}`),
    ...(view.withheld > 0 ? [`${view.withheld} row(s) marked above ${view.cap} left out; the scores are computed without them.`] : []),
    ...(disputed ? ['* analysts disagree on this cell.'] : []),
  ];
  for (const note of notes) {
    text(PAD, y + 14, clip(note, 140));
    y += 18;
  }
  y += 8;
  text(PAD, y + 12, view.marking, 'font-weight="bold" fill="#b35c00"');
  const height = y + 12 + PAD;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12"><rect width="100%" height="100%" fill="#ffffff"/>${parts.join('')}</svg>`;
  return { svg, width, height };
}
