import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';
import type { ActorsPage } from './ActorsPage';

/** A node as the chart's SVG export places it: model coordinates, radius and fill colour. */
export interface ExportedNode {
  label: string;
  fill: string;
  x: number;
  y: number;
  r: number;
}

/** An exported node with where it is drawn on screen (page CSS pixels), and how isolated it is there. */
export interface ScreenNode extends ExportedNode {
  screenX: number;
  screenY: number;
  /** Share of the pixels around the drawn centre that have the node's own colour (0–1). */
  ownColour: number;
  /** Distance on screen to the nearest other node's centre. */
  clearance: number;
}

/** The drawn chart: every node on screen, the screen radius of a node and the emptiest point of the canvas. */
export interface ScreenChart {
  nodes: ScreenNode[];
  nodeRadius: number;
  empty: { x: number; y: number; clearance: number };
}

const XML_ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };
const CIRCLE = /<circle cx="(-?[\d.]+)" cy="(-?[\d.]+)" r="([\d.]+)" fill="(#[0-9a-f]{6})"><title>([^<]*)<\/title><\/circle>/g;

/** "#2d72d2" → [45, 114, 210]. */
const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

/**
 * The link chart as a user sees it: a Cytoscape canvas. No test hook exposes node positions, so this
 * page object finds them the way a person does — by looking. The SVG export gives every node's label,
 * colour and position in the chart's model coordinates; the canvas draws the same positions under the
 * viewport's zoom and pan (a uniform scale plus a shift). A screenshot of the canvas gives the box of
 * pixels painted in node colours, which pins down that scale and shift; every predicted centre is then
 * checked against the node's colour in the screenshot.
 */
export class LinkChartPage {
  readonly canvas: Locator;

  constructor(
    readonly actors: ActorsPage,
    readonly page: Page = actors.page,
  ) {
    this.canvas = actors.panel.locator('.cf-linkchart-canvas');
  }

  async open(): Promise<void> {
    await this.actors.open();
    await this.actors.mode('Link chart').click();
    await expect(this.canvas).toHaveAttribute('data-nodes', /^[1-9]\d*$/);
    await expect(this.canvas.locator('canvas').first()).toBeVisible();
  }

  /** Downloads the SVG export and reads its nodes. */
  async exportedNodes(): Promise<ExportedNode[]> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.actors.panel.getByRole('button', { name: 'Export SVG' }).click()]);
    const svg = await readFile((await download.path()) as string, 'utf8');
    return [...svg.matchAll(CIRCLE)].map((m) => ({
      x: Number(m[1]),
      y: Number(m[2]),
      r: Number(m[3]),
      fill: m[4] as string,
      label: (m[5] as string).replace(/&(lt|gt|amp|quot|apos);/g, (e) => XML_ENTITIES[e] as string),
    }));
  }

  /** Which node colour (index into `fills`) each screenshot pixel has, '.' for none; row-major. */
  private async paintedColours(fills: readonly string[]): Promise<{ width: number; height: number; classes: string; box: { x: number; y: number; width: number; height: number } }> {
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('The link chart canvas is not on screen.');
    const png = (await this.canvas.screenshot({ animations: 'disabled' })).toString('base64');
    const decoded = await this.page.evaluate(
      async ({ png, colours }) => {
        const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
        if (!context) throw new Error('No 2D context to read the screenshot.');
        context.drawImage(bitmap, 0, 0);
        const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
        const classes: string[] = [];
        for (let i = 0; i < data.length; i += 4) {
          const hit = colours.findIndex(([r, g, b]) => Math.abs((data[i] ?? 0) - r) <= 4 && Math.abs((data[i + 1] ?? 0) - g) <= 4 && Math.abs((data[i + 2] ?? 0) - b) <= 4);
          classes.push(hit < 0 ? '.' : String(hit));
        }
        return { width: bitmap.width, height: bitmap.height, classes: classes.join('') };
      },
      { png, colours: fills.map(rgb) },
    );
    return { ...decoded, box };
  }

  /** Every exported node with its on-screen position, after checking the mapping against the pixels. */
  async screenChart(): Promise<ScreenChart> {
    const nodes = await this.exportedNodes();
    expect(nodes.length, 'nodes in the SVG export').toBe(Number(await this.canvas.getAttribute('data-nodes')));
    const fills = [...new Set(nodes.map((n) => n.fill))];
    const { width, height, classes, box } = await this.paintedColours(fills);
    const at = (x: number, y: number) => (x >= 0 && y >= 0 && x < width && y < height ? classes[Math.floor(y) * width + Math.floor(x)] : '.');

    // Box of node-coloured pixels versus box of node discs in model coordinates. A pixel counts only inside a
    // solid patch (same colour 2 px away on all four sides), so anti-aliased text or lines blending into a
    // node colour are ignored; the box then grows back by those 2 px.
    const ERODE = 2;
    let [left, top, right, bottom] = [width, height, -1, -1];
    for (let i = 0; i < classes.length; i++) {
      const colour = classes[i];
      const x = i % width;
      const y = Math.floor(i / width);
      if (colour === '.' || [at(x - ERODE, y), at(x + ERODE, y), at(x, y - ERODE), at(x, y + ERODE)].some((c) => c !== colour)) continue;
      [left, top, right, bottom] = [Math.min(left, x - ERODE), Math.min(top, y - ERODE), Math.max(right, x + ERODE), Math.max(bottom, y + ERODE)];
    }
    expect(right, 'node-coloured pixels on the canvas').toBeGreaterThanOrEqual(0);
    const r = nodes[0]?.r ?? 0;
    const xs = nodes.map((n) => n.x);
    const ys = nodes.map((n) => n.y);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const zoomX = (right + 1 - left) / (maxX - minX + 2 * r);
    const zoomY = (bottom + 1 - top) / (maxY - minY + 2 * r);
    expect(Math.abs(zoomX - zoomY) / zoomX, 'same zoom horizontally and vertically').toBeLessThan(0.05);
    const zoom = (zoomX + zoomY) / 2;
    const toImage = (x: number, y: number) => ({ x: (left + right + 1) / 2 + (x - (minX + maxX) / 2) * zoom, y: (top + bottom + 1) / 2 + (y - (minY + maxY) / 2) * zoom });
    const cssPerPixel = box.width / width;
    const radius = r * zoom;

    const placed = nodes.map((node) => ({ node, image: toImage(node.x, node.y), colour: String(fills.indexOf(node.fill)) }));
    const screen: ScreenNode[] = placed.map(({ node, image, colour }) => {
      let own = 0;
      let all = 0;
      for (let dx = -radius * 0.6; dx <= radius * 0.6; dx += 1)
        for (let dy = -radius * 0.6; dy <= radius * 0.6; dy += 1) {
          all++;
          if (at(image.x + dx, image.y + dy) === colour) own++;
        }
      const clearance = Math.min(...placed.filter((o) => o.node !== node).map((o) => Math.hypot(o.image.x - image.x, o.image.y - image.y)));
      return { ...node, screenX: box.x + image.x * cssPerPixel, screenY: box.y + image.y * cssPerPixel, ownColour: own / all, clearance: clearance * cssPerPixel };
    });
    // The mapping is right when (nearly) every predicted centre sits on its own colour; overlaps and labels excuse a few.
    const onColour = screen.filter((n) => n.ownColour > 0.5).length;
    expect(onColour / screen.length, 'share of nodes drawn where the export predicts').toBeGreaterThan(0.85);

    // The emptiest point: farthest from every node centre, on a 10 px grid, away from the canvas edge.
    let empty = { x: 0, y: 0, clearance: -1 };
    for (let y = 20; y < height - 20; y += 10)
      for (let x = 20; x < width - 20; x += 10) {
        if (at(x, y) !== '.') continue;
        const clearance = Math.min(...placed.map(({ image }) => Math.hypot(image.x - x, image.y - y)));
        if (clearance > empty.clearance) empty = { x, y, clearance };
      }
    return { nodes: screen, nodeRadius: radius * cssPerPixel, empty: { x: box.x + empty.x * cssPerPixel, y: box.y + empty.y * cssPerPixel, clearance: empty.clearance * cssPerPixel } };
  }

  /** The most isolated nodes drawn clearly in their own colour — safe to click without hitting a neighbour. */
  static clickable(chart: ScreenChart): ScreenNode[] {
    return chart.nodes.filter((n) => n.ownColour > 0.9 && n.clearance > 3 * chart.nodeRadius).sort((a, b) => b.clearance - a.clearance);
  }
}
