/** Pure: the link chart as a standalone SVG document, from laid-out positions. Text is escaped, never markup. */

export interface PlacedNode {
  id: string;
  label: string;
  kind: string;
  x: number;
  y: number;
}

export interface PlacedEdge {
  source: string;
  target: string;
  label: string;
  /** Line colour and dash ('solid', 'dashed', 'dotted'), as the canvas draws the relationship's family. */
  colour?: string;
  dash?: string;
}

const DASH_ARRAYS: Record<string, string> = { dashed: '5 3', dotted: '1.5 2' };

export const KIND_COLOURS: Record<string, string> = {
  organisation: '#2d72d2',
  faction: '#c87619',
  person: '#238551',
  'media-outlet': '#9d3f9d',
  'state-body': '#5f6b7c',
};

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

const NODE_RADIUS = 9;

/** The edge's colour when it is a plain #rrggbb (it goes into markup), else the default grey. */
function edgeColour(e: PlacedEdge): string {
  return /^#[0-9a-f]{6}$/i.test(e.colour ?? '') ? (e.colour as string) : '#8f99a8';
}

export function chartSvg(nodes: readonly PlacedNode[], edges: readonly PlacedEdge[], title: string): string {
  const pad = 60;
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const minX = Math.min(0, ...xs) - pad;
  const minY = Math.min(0, ...ys) - pad;
  const width = Math.max(1, ...xs) - minX + pad;
  const height = Math.max(1, ...ys) - minY + pad;
  const at = new Map(nodes.map((n) => [n.id, n]));
  const lines: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${minX.toFixed(1)} ${minY.toFixed(1)} ${width.toFixed(1)} ${height.toFixed(1)}" width="${width.toFixed(0)}" height="${height.toFixed(0)}" font-family="sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<defs>${[...new Set(edges.map(edgeColour))].map((c) => `<marker id="arrow-${c.slice(1)}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="${c}"/></marker>`).join('')}</defs>`,
    `<rect x="${minX.toFixed(1)}" y="${minY.toFixed(1)}" width="${width.toFixed(1)}" height="${height.toFixed(1)}" fill="#ffffff"/>`,
  ];
  for (const e of edges) {
    const a = at.get(e.source);
    const b = at.get(e.target);
    if (!a || !b) continue;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length = Math.hypot(dx, dy) || 1;
    const x2 = b.x - (dx / length) * NODE_RADIUS;
    const y2 = b.y - (dy / length) * NODE_RADIUS;
    const colour = edgeColour(e);
    const dash = DASH_ARRAYS[e.dash ?? ''];
    lines.push(`<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="${colour}"${dash ? ` stroke-dasharray="${dash}"` : ''} stroke-width="1.2" marker-end="url(#arrow-${colour.slice(1)})"><title>${escapeXml(e.label)}</title></line>`);
    lines.push(`<text x="${((a.x + b.x) / 2).toFixed(1)}" y="${((a.y + b.y) / 2).toFixed(1)}" font-size="7" fill="#738091" text-anchor="middle">${escapeXml(e.label)}</text>`);
  }
  for (const n of nodes) {
    lines.push(`<circle cx="${n.x.toFixed(1)}" cy="${n.y.toFixed(1)}" r="${NODE_RADIUS}" fill="${KIND_COLOURS[n.kind] ?? '#5f6b7c'}"><title>${escapeXml(n.label)}</title></circle>`);
    lines.push(`<text x="${n.x.toFixed(1)}" y="${(n.y + NODE_RADIUS + 10).toFixed(1)}" font-size="9" fill="#1c2127" text-anchor="middle" direction="${/\p{Script=Arabic}/u.test(n.label) ? 'rtl' : 'ltr'}" unicode-bidi="isolate">${escapeXml(n.label)}</text>`);
  }
  lines.push('</svg>');
  return lines.join('\n');
}
