import { geoMercator } from 'd3-geo';

/**
 * Pan and zoom over one Web Mercator base map: the world is WORLD × WORLD base pixels (to ±85°),
 * and the view maps a base point p to the screen as p × k + (x, y). Shapes are projected once to
 * base pixels and moved by an SVG transform; only points are re-projected to the screen.
 */

export const WORLD = 1024;
/** Map stage size in SVG user units (the SVG scales to its box). */
export const STAGE = { width: 960, height: 560 } as const;
export const MIN_K = 0.5;
export const MAX_K = 2 ** 13;
/** Fit-to-data never zooms in further than this (one place would otherwise fill the screen). */
const MAX_FIT_K = 2 ** 9;

export interface View {
  k: number;
  x: number;
  y: number;
}

export const baseProjection = geoMercator()
  .scale(WORLD / (2 * Math.PI))
  .translate([WORLD / 2, WORLD / 2]);

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The whole world, centred. */
export function worldView(): View {
  const k = STAGE.width / WORLD;
  return { k, x: 0, y: STAGE.height / 2 - (WORLD / 2) * k };
}

/** The view that shows [west, south, east, north] whole, with a margin, centred. */
export function fitView(bounds: readonly [number, number, number, number], padding = 24): View {
  const [w, s, e, n] = bounds;
  const [x0, y0] = baseProjection([w, clamp(n, -85, 85)])!;
  const [x1, y1] = baseProjection([e, clamp(s, -85, 85)])!;
  const k = clamp(Math.min((STAGE.width - 2 * padding) / Math.max(x1 - x0, 1e-6), (STAGE.height - 2 * padding) / Math.max(y1 - y0, 1e-6)), MIN_K, MAX_FIT_K);
  return { k, x: STAGE.width / 2 - ((x0 + x1) / 2) * k, y: STAGE.height / 2 - ((y0 + y1) / 2) * k };
}

/** Zoom by `factor` keeping the screen point `at` where it is. */
export function zoomAt(view: View, factor: number, at: readonly [number, number] = [STAGE.width / 2, STAGE.height / 2]): View {
  const k = clamp(view.k * factor, MIN_K, MAX_K);
  const f = k / view.k;
  return { k, x: at[0] - (at[0] - view.x) * f, y: at[1] - (at[1] - view.y) * f };
}

export function panBy(view: View, dx: number, dy: number): View {
  return { ...view, x: view.x + dx, y: view.y + dy };
}

/** A longitude/latitude on the screen. */
export function toScreen(view: View, lon: number, lat: number): [number, number] {
  const [bx, by] = baseProjection([lon, lat])!;
  return [bx * view.k + view.x, by * view.k + view.y];
}

/** The view centred on a longitude/latitude at scale k. */
export function centreOn(lon: number, lat: number, k: number): View {
  const [bx, by] = baseProjection([lon, lat])!;
  const kk = clamp(k, MIN_K, MAX_K);
  return { k: kk, x: STAGE.width / 2 - bx * kk, y: STAGE.height / 2 - by * kk };
}

/** Supercluster's zoom level for a view: its world is 256 × 2^z pixels wide. */
export function clusterZoom(view: View): number {
  return clamp(Math.floor(Math.log2((WORLD * view.k) / 256)), 0, 20);
}

/** The view's scale for a supercluster zoom level. */
export function scaleForZoom(zoom: number): number {
  return (256 * 2 ** zoom) / WORLD;
}

/** [west, south, east, north] on screen (clamped to the world), for asking which clusters are in view. */
export function visibleBounds(view: View): [number, number, number, number] {
  const corner = (sx: number, sy: number) => baseProjection.invert!([clamp((sx - view.x) / view.k, 0, WORLD), clamp((sy - view.y) / view.k, 0, WORLD)])!;
  const [w, n] = corner(0, 0);
  const [e, s] = corner(STAGE.width, STAGE.height);
  return [clamp(w, -180, 180), clamp(s, -85, 85), clamp(e, -180, 180), clamp(n, -85, 85)];
}
