import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { StoreError } from '../../store/store-error';
import { allExportFontBuffers } from './export-fonts';

/**
 * SVG → PNG with resvg compiled to WebAssembly, so nothing native ships. The .wasm file is
 * copied beside the bundles by scripts/build-main.mjs; run from source it is read from
 * node_modules. WebAssembly cannot see the system's fonts, so the bundled Noto faces are handed
 * to it (./export-fonts: Latin, Cyrillic, Greek, Arabic script, Hebrew, Ge'ez, Devanagari; resvg
 * takes a glyph a face lacks from the next that has it). Only without them (a build missing
 * assets/fonts) is the first system font found among the usual paths used.
 */
const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  'C:\\Windows\\Fonts\\arial.ttf',
  '/System/Library/Fonts/Supplemental/Arial.ttf',
  '/Library/Fonts/Arial.ttf',
];

let ready: Promise<Uint8Array[]> | null = null;

async function wasmBytes(): Promise<Buffer> {
  const beside = fileURLToPath(new URL('resvg.wasm', import.meta.url));
  if (existsSync(beside)) return readFile(beside);
  return readFile(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm'));
}

function prepare(): Promise<Uint8Array[]> {
  ready ??= (async () => {
    await initWasm(await wasmBytes());
    const bundled = allExportFontBuffers();
    if (bundled.length > 0) return bundled;
    const fonts = await Promise.all(FONT_CANDIDATES.filter((p) => existsSync(p)).slice(0, 2).map((p) => readFile(p)));
    return fonts.map((f) => new Uint8Array(f));
  })();
  return ready;
}

/** The SVG drawn at `width` pixels wide, as PNG bytes. */
export async function svgToPng(svg: string, width: number): Promise<Buffer> {
  let fontBuffers: Uint8Array[];
  try {
    fontBuffers = await prepare();
  } catch (error) {
    throw new StoreError('UNAVAILABLE', `The image renderer could not start (${(error as Error).message}). Write HTML or PDF instead, which keep charts as SVG.`);
  }
  let resvg: InstanceType<typeof Resvg>;
  try {
    resvg = new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { fontBuffers, defaultFontFamily: fontBuffers.length > 2 ? 'Noto Sans' : 'DejaVu Sans', sansSerifFamily: fontBuffers.length > 2 ? 'Noto Sans' : 'DejaVu Sans' } });
  } catch (error) {
    throw new StoreError('VALIDATION', `The drawing could not be read as SVG (${String((error as Error).message ?? error).slice(0, 200)}). Export it as SVG instead.`);
  }
  try {
    return Buffer.from(resvg.render().asPng());
  } finally {
    resvg.free();
  }
}
