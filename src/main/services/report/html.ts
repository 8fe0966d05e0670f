import { coverageNote } from '../../../shared/analytics/imprecision';
import { escapeXml as esc, mapSvg } from '../../../shared/analytics/svg';
import type { Block, Direction, ReportDocument, Run, TextRun } from '../../../shared/report/document';
import { chartSvg } from './chart-svg';
import { EXPORT_FONT_STACK, fontFaceCss } from './export-fonts';
import { followsNote } from '../../../shared/report/footnotes';

const MARKING_COLOURS: Record<string, string> = {
  'TLP:CLEAR': '#ffffff;background:#000',
  'TLP:GREEN': '#33ff00;background:#000',
  'TLP:AMBER': '#ffc000;background:#000',
  'TLP:AMBER+STRICT': '#ffc000;background:#000',
  'TLP:RED': '#ff2b2b;background:#000',
};

const CSS = `
@page { size: A4; margin: 18mm 16mm; }
body { font-family: ${EXPORT_FONT_STACK}; font-size: 10.5pt; color: #1c2127; line-height: 1.4; margin: 0 auto; max-width: 190mm; }
.banner { font-weight: bold; text-align: center; padding: 2px 0; margin: 0 0 8px; letter-spacing: .05em; }
.title-page { padding-top: 60mm; text-align: center; }
.title-page h1 { font-size: 26pt; margin-bottom: 4px; }
.title-page .subtitle { font-size: 14pt; color: #404854; }
.page-break { break-after: page; }
h1 { font-size: 16pt; margin: 18px 0 6px; border-bottom: 1px solid #c5cbd3; }
h2 { font-size: 13pt; margin: 12px 0 4px; }
figure { margin: 10px 0; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 8.5pt; color: #404854; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
th, td { border: 1px solid #c5cbd3; padding: 2px 4px; vertical-align: top; text-align: left; }
th { background: #f6f7f9; }
tr { break-inside: avoid; }
sup a { text-decoration: none; color: inherit; }
svg text { font-family: ${EXPORT_FONT_STACK}; }
.notes { font-size: 8.5pt; }
blockquote { margin: 6px 24px; }
p.caption { font-size: 8.5pt; font-style: italic; color: #404854; }
.bibliography p { padding-left: 2em; text-indent: -2em; margin: 0 0 4px; }
`;

const MARKING_TEXT: Record<string, string> = {
  'TLP:CLEAR': '#fff',
  'TLP:GREEN': '#33ff00',
  'TLP:AMBER': '#ffc000',
  'TLP:AMBER+STRICT': '#ffc000',
  'TLP:RED': '#ff2b2b',
};

/**
 * TLP 2.0 wants the label visible on every page: the marking at the top and bottom of each printed
 * page, with "Page N of M", in CSS page margin boxes (Chromium prints them, in headless Chromium
 * and Electron's printToPDF alike). The marking is one of five fixed labels, so it is safe in CSS.
 */
function pageMarginCss(marking: string): string {
  const box = `font-family: ${EXPORT_FONT_STACK}; font-size: 8.5pt; font-weight: bold; color: ${MARKING_TEXT[marking] ?? '#fff'}; background: #000; letter-spacing: .05em;`;
  return `@page { @top-center { content: "${marking}"; ${box} } @bottom-center { content: "${marking} \\00B7  Page " counter(page) " of " counter(pages); ${box} } }`;
}

/** Emphasis as nested tags, innermost first. */
function styled(r: TextRun): string {
  let html = esc(r.text);
  for (const [on, tag] of [[r.code, 'code'], [r.sub, 'sub'], [r.sup, 'sup'], [r.strike, 's'], [r.underline, 'u'], [r.em, 'em'], [r.strong, 'strong']] as const) if (on) html = `<${tag}>${html}</${tag}>`;
  return html;
}

function runs(list: readonly Run[]): string {
  // A note cited twice (a figure's source line and its text) links back from its first marker only.
  const seen = new Set<number>();
  return list
    .map((r, i) => {
      if ('text' in r) return styled(r);
      const id = seen.has(r.footnote) ? '' : ` id="ref-${r.footnote}"`;
      seen.add(r.footnote);
      return `${followsNote(list, i) ? '<sup>,</sup>' : ''}<sup><a href="#fn-${r.footnote}"${id}>${r.footnote}</a></sup>`;
    })
    .join('');
}

const dirAttr = (dir: Direction | undefined) => (dir ? ` dir="${dir}"` : '');

function banner(marking: string): string {
  return `<div class="banner" style="color:${MARKING_COLOURS[marking] ?? '#fff;background:#000'}">${esc(marking)}</div>`;
}

function block(b: Block): string {
  switch (b.type) {
    case 'banner':
      return banner(b.marking);
    case 'title':
      return `<section class="title-page"><h1>${esc(b.title)}</h1>${b.subtitle ? `<p class="subtitle">${esc(b.subtitle)}</p>` : ''}${b.lines.map((l) => `<p>${esc(l)}</p>`).join('')}</section>`;
    case 'heading':
      return `<h${b.level}${dirAttr(b.dir)}>${esc(b.text)}</h${b.level}>`;
    case 'paragraph': {
      const p = `<p${dirAttr(b.dir)}${b.role === 'caption' ? ' class="caption"' : ''}>${runs(b.runs)}</p>`;
      return b.quote ? `<blockquote${dirAttr(b.dir)}>${p}</blockquote>` : p;
    }
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      const list = `<${tag}${dirAttr(b.dir)}>${b.items.map((item, n) => `<li${dirAttr(b.itemDirs?.[n] === 'rtl' ? 'rtl' : undefined)}>${runs(item)}</li>`).join('')}</${tag}>`;
      return b.quote ? `<blockquote>${list}</blockquote>` : list;
    }
    case 'table': {
      const head = b.header.length ? `<thead><tr>${b.header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>` : '';
      return `<table${dirAttr(b.dir)}>${b.caption ? `<caption>${esc(b.caption)}</caption>` : ''}${head}<tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${runs(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
    }
    case 'chart':
      return `<figure>${chartSvg(b.chart)}<figcaption>${esc(b.chart.title)}. ${esc(coverageNote(b.chart.coverage))}</figcaption></figure>`;
    case 'map':
      return `<figure>${mapSvg(b.map)}<figcaption>${esc(b.map.title)}</figcaption></figure>`;
    case 'page-break':
      return '<div class="page-break"></div>';
    case 'omitted':
      return `<p><em>${esc(b.text)}</em></p>`;
  }
}

/** The report as one self-contained HTML file: CSS inline, charts and maps as inline SVG, no outside request. */
export function reportHtml(doc: ReportDocument): string {
  // Printed pages have no CSS footnotes in Chromium, so notes follow the text in HTML and PDF alike.
  const notes = doc.footnotes.length
    ? `<section class="notes"><h1>Notes</h1><ol>${doc.footnotes.map((f) => `<li id="fn-${f.n}">${esc(f.text)} <a href="#ref-${f.n}">↩</a></li>`).join('')}</ol></section>`
    : '';
  const bibliography = doc.bibliography ? `<section class="bibliography"><h1>${esc(doc.bibliography.heading)}</h1>${doc.bibliography.entries.map((e) => `<p>${esc(e)}</p>`).join('')}</section>` : '';
  const body = [doc.blocks.map(block).join('\n'), notes, bibliography, banner(doc.marking)].join('\n');
  const meta = doc.meta?.authors.length ? `<meta name="author" content="${esc(doc.meta.authors.join(', '))}">` : '';
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">${meta}`,
    // The bundled faces the text needs, so every script prints without tofu wherever the file is opened.
    `<title>${esc(doc.title)}</title><style>${fontFaceCss(doc.title + body)}${CSS}${pageMarginCss(doc.marking)}</style></head><body>`,
    body,
    '</body></html>',
  ].join('\n');
}
