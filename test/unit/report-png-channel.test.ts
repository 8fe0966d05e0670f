import { describe, expect, it } from 'vitest';
import { reportHandlers } from '../../src/main/ipc/handlers/report';
import type { HandlerContext } from '../../src/main/ipc/handlers/context';
import { svgToPng } from '../../src/main/services/report/rasterize';

const svgOf = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="60"><rect width="400" height="60" fill="#fff"/><text x="10" y="40" font-size="24" font-family="DejaVu Sans, Arial, sans-serif" fill="#000">${text}</text></svg>`;

describe('report:png, the PNG of a chart the renderer drew', () => {
  // No case needs to be open: the renderer sends the drawing it made from what it was shown.
  const handlers = reportHandlers({ cases: { document: null }, host: {} } as unknown as HandlerContext);

  it('is drawn in main with the bundled fonts, so an Amharic label is real glyphs and not boxes', async () => {
    const answer = await handlers['report:png']({ svg: svgOf('አል-ሸባብ'), width: 800 });
    if (!answer.ok) throw new Error(answer.error.message);
    const png = Buffer.from(answer.value.base64, 'base64');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.equals(await svgToPng(svgOf('አል-ሸባብ'), 800))).toBe(true);
    // Two different Ethiopic letters come out different: the bundled face drew them.
    const other = await handlers['report:png']({ svg: svgOf('ሸባ'), width: 800 });
    expect(other.ok && other.value.base64 !== answer.value.base64).toBe(true);
  });

  it('a drawing that is not SVG is an error value, not a crash', async () => {
    const answer = await handlers['report:png']({ svg: 'not an svg', width: 100 });
    expect(answer.ok).toBe(false);
  });
});
