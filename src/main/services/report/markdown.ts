import { chartTable } from '../../../shared/analytics/chart-data';
import { coverageNote } from '../../../shared/analytics/imprecision';
import type { Block, Direction, ReportDocument, Run, TextRun } from '../../../shared/report/document';
import { followsNote } from '../../../shared/report/footnotes';
import { regionTotals } from '../../../shared/analytics/map-model';
import { estimate, exact } from '../../../shared/analytics/map-text';

/** Escapes record text so it stays text in Markdown (and in any HTML a renderer makes of it). */
function esc(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>|~#])/g, '\\$1');
}

function styled(r: TextRun): string {
  let md = esc(r.text);
  if (!md.trim()) return md;
  if (r.code) md = `\`${r.text.replace(/`/g, '')}\``;
  if (r.strike) md = `~~${md}~~`;
  if (r.em) md = `*${md}*`;
  if (r.strong) md = `**${md}**`;
  return md;
}

function runs(list: readonly Run[]): string {
  return list.map((r, i) => ('text' in r ? styled(r) : `${followsNote(list, i) ? ',' : ''}[^${r.footnote}]`)).join('');
}

/** Markdown has no direction: an RTL block is wrapped so renderers that allow HTML show it right to left. */
const rtlWrap = (dir: Direction | undefined, md: string) => (dir === 'rtl' ? `<div dir="rtl">\n\n${md}\n\n</div>` : md);

/** Figures written beside the Markdown file: the block's index in the document gives the image's name. */
export type FigureLink = (block: Extract<Block, { type: 'chart' | 'map' }>) => string | null;

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function block(b: Block, figure: FigureLink): string[] {
  switch (b.type) {
    case 'banner':
      return [`**${b.marking}**`, ''];
    case 'title':
      return [`# ${esc(b.title)}`, '', ...(b.subtitle ? [`*${esc(b.subtitle)}*`, ''] : []), ...b.lines.flatMap((l) => [esc(l), ''])];
    case 'heading':
      return [rtlWrap(b.dir, `${'#'.repeat(b.level + 1)} ${esc(b.text)}`), ''];
    case 'paragraph': {
      const text = b.role === 'caption' ? `*${runs(b.runs)}*` : runs(b.runs);
      return [rtlWrap(b.dir, b.quote ? `> ${text}` : text), ''];
    }
    case 'list':
      return [...b.items.map((i, n) => `${b.quote ? '> ' : ''}${b.ordered ? `${n + 1}.` : '-'} ${runs(i)}`), ''];
    case 'table': {
      const header = b.header.length ? b.header.map(esc) : (b.rows[0] ?? []).map(() => ' ');
      return [rtlWrap(b.dir, table(header, b.rows.map((r) => r.map(runs))).join('\n')), '', ...(b.caption ? [`*${esc(b.caption)}*`, ''] : [])];
    }
    case 'chart': {
      // The drawing as a file beside the text when there is one; its numbers as a table either way.
      const c = b.chart;
      const image = figure(b);
      const t = chartTable(c);
      const estimates = t.estimated ? ' Values marked ~ are estimates (spread items shared over their span), rounded to one decimal so that each column adds up to its total; totals are the exact sums.' : '';
      return [...(image ? [`![${esc(c.title)}](${image})`, ''] : []), `**${esc(c.title)}**`, '', ...table([esc(c.xLabel), ...c.series.map((s) => esc(s.name))], [...t.rows, t.total].map((r) => r.map(esc))), '', `*${esc(coverageNote(c.coverage))}${estimates}*`, ''];
    }
    case 'map': {
      const m = b.map;
      const image = figure(b);
      // One row per province (its shapes merged), exact: whole counts as they are, spread shares marked ≈.
      const totals = regionTotals(m);
      const total = totals.reduce((n, r) => n + r.count, 0);
      const shown = (n: number) => (Number.isInteger(n) ? exact(n) : Math.abs(n - Math.round(n)) < 1e-9 ? exact(Math.round(n)) : estimate(n));
      const rows = [...totals.map((r) => [esc(r.name), shown(r.count)]), ['**Total**', shown(total)]];
      return [...(image ? [`![${esc(m.title)}](${image})`, ''] : []), `**${esc(m.title)}**`, '', ...table(['Region', 'Events'], rows), '', `*${esc(coverageNote(m.coverage))} ${esc(m.attribution)}*`, ''];
    }
    case 'page-break':
      return ['---', ''];
    case 'omitted':
      return [`*${esc(b.text)}*`, ''];
  }
}

/** The report as Markdown with footnotes ([^n]); charts and the map as tables of their numbers. */
export function reportMarkdown(doc: ReportDocument, figure: FigureLink = () => null): string {
  const lines = doc.blocks.flatMap((b) => block(b, figure));
  for (const f of doc.footnotes) lines.push(`[^${f.n}]: ${esc(f.text)}`);
  if (doc.bibliography) lines.push('', `## ${esc(doc.bibliography.heading)}`, '', ...doc.bibliography.entries.flatMap((e) => [esc(e), '']));
  lines.push('', `**${doc.marking}**`);
  return `${lines.join('\n')}\n`;
}
