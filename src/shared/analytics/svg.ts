import { coverageNote } from './imprecision';
import type { MapModel } from './map-model';

/** Escapes text for XML/HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A dot's radius: 3 px for one event, growing slowly with the count. */
export function dotRadius(count: number): number {
  return Math.round((3 + Math.log2(Math.max(1, count))) * 10) / 10;
}

/** The map as a standalone SVG document (for exports and reports): shapes, points, legend, note. */
export function mapSvg(map: MapModel): string {
  const h = map.height + 56;
  const regions = map.regions
    .map((r) => `<path d="${r.d}" fill="${r.fill}" stroke="#5f6b7c" stroke-width="0.5"><title>${escapeXml(`${r.name}: ${r.count}`)}</title></path>`)
    .join('');
  const points = map.points.map((p) => `<circle cx="${p.x}" cy="${p.y}" r="${dotRadius(p.count)}" fill="#D55E00" fill-opacity="0.8" stroke="#fff" stroke-width="0.5"><title>${escapeXml(p.title)}</title></circle>`).join('');
  const text = (y: number, s: string, size = 11) => `<text x="8" y="${y}" font-family="DejaVu Sans, Arial, sans-serif" font-size="${size}" fill="#1c2127">${escapeXml(s)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${map.width}" height="${h}" viewBox="0 0 ${map.width} ${h}">`,
    `<rect width="${map.width}" height="${h}" fill="#ffffff"/>`,
    `<g>${regions}</g><g>${points}</g>`,
    text(map.height + 14, `${map.title} — shade: events per region (0 to ${map.max}); dots: ${map.points.length} places with known coordinates, larger for more events${map.hiddenPoints ? ` (${map.hiddenPoints} places with fewer events not drawn)` : ''}.`),
    text(map.height + 30, coverageNote(map.coverage), 10),
    text(map.height + 46, map.attribution, 8),
    '</svg>',
  ].join('');
}
