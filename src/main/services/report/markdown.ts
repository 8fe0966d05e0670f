import { chartTable } from '../../../shared/analytics/chart-data';
import { coverageNote } from '../../../shared/analytics/imprecision';
import type { Block, ReportDocument, Run } from '../../../shared/report/document';
import { followsNote } from '../../../shared/report/footnotes';
import { regionTotals } from '../../../shared/analytics/map-model';
import { estimate, exact } from '../../../shared/analytics/map-text';

/** Escapes record text so it stays text in Markdown (and in any HTML a renderer makes of it). */
function esc(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>|~#])/g, '\\$1');
}

function runs(list: readonly Run[]): string {
  return list.map((r, i) => ('text' in r ? (r.strong ? `**${esc(r.text)}**` : esc(r.text)) : `${followsNote(list, i) ? ',' : ''}[^${r.footnote}]`)).join('');
}

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function block(b: Block): string[] {
  switch (b.type) {
    case 'banner':
      return [`**${b.marking}**`, ''];
    case 'title':
      return [`# ${esc(b.title)}`, '', ...(b.subtitle ? [`*${esc(b.subtitle)}*`, ''] : []), ...b.lines.flatMap((l) => [esc(l), ''])];
    case 'heading':
      return [`${'#'.repeat(b.level + 1)} ${esc(b.text)}`, ''];
    case 'paragraph':
      return [runs(b.runs), ''];
    case 'list':
      return [...b.items.map((i, n) => `${b.ordered ? `${n + 1}.` : '-'} ${runs(i)}`), ''];
    case 'table':
      return [...table(b.header.map(esc), b.rows.map((r) => r.map(runs))), '', `*${esc(b.caption)}*`, ''];
    case 'chart': {
      // Markdown cannot hold a drawing: the chart's numbers as a table, with its note.
      const c = b.chart;
      const t = chartTable(c);
      const estimates = t.estimated ? ' Values marked ~ are estimates (spread items shared over their span), rounded to one decimal so that each column adds up to its total; totals are the exact sums.' : '';
      return [`**${esc(c.title)}**`, '', ...table([esc(c.xLabel), ...c.series.map((s) => esc(s.name))], [...t.rows, t.total].map((r) => r.map(esc))), '', `*${esc(coverageNote(c.coverage))}${estimates}*`, ''];
    }
    case 'map': {
      const m = b.map;
      // One row per province (its shapes merged), exact: whole counts as they are, spread shares marked ≈.
      const totals = regionTotals(m);
      const total = totals.reduce((n, r) => n + r.count, 0);
      const shown = (n: number) => (Number.isInteger(n) ? exact(n) : Math.abs(n - Math.round(n)) < 1e-9 ? exact(Math.round(n)) : estimate(n));
      const rows = [...totals.map((r) => [esc(r.name), shown(r.count)]), ['**Total**', shown(total)]];
      return [`**${esc(m.title)}**`, '', ...table(['Region', 'Events'], rows), '', `*${esc(coverageNote(m.coverage))} ${esc(m.attribution)}*`, ''];
    }
    case 'page-break':
      return ['---', ''];
    case 'omitted':
      return [`*${esc(b.text)}*`, ''];
  }
}

/** The report as Markdown with footnotes ([^n]); charts and the map as tables of their numbers. */
export function reportMarkdown(doc: ReportDocument): string {
  const lines = doc.blocks.flatMap(block);
  for (const f of doc.footnotes) lines.push(`[^${f.n}]: ${esc(f.text)}`);
  lines.push('', `**${doc.marking}**`);
  return `${lines.join('\n')}\n`;
}
