#!/usr/bin/env node
/**
 * Draws the Casefile Workbench icon — a case folder with a timeline across it — from one list
 * of shapes into assets/icon.svg and assets/icon.png (512x512 RGBA, 4x4 supersampled), with no
 * dependencies: `node assets/make-icon.mjs`. electron-builder derives .ico/.icns from the PNG.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SLATE = '#1c2733';
const AMBER_DARK = '#c98a0a';
const AMBER = '#f0b726';
const RED = '#cd4246';

/** Painted in order; later shapes cover earlier ones. */
const shapes = [
  { kind: 'rect', x: 32, y: 32, w: 448, h: 448, r: 96, fill: SLATE },
  // Folder: the back with its tab, then the front.
  { kind: 'rect', x: 104, y: 128, w: 136, h: 64, r: 18, fill: AMBER_DARK },
  { kind: 'rect', x: 104, y: 160, w: 304, h: 224, r: 24, fill: AMBER_DARK },
  { kind: 'rect', x: 104, y: 184, w: 304, h: 200, r: 24, fill: AMBER },
  // Timeline across the folder: a rule and three events, the middle one flagged.
  { kind: 'rect', x: 148, y: 278, w: 216, h: 12, r: 6, fill: SLATE },
  { kind: 'circle', cx: 176, cy: 284, r: 20, fill: SLATE },
  { kind: 'circle', cx: 256, cy: 284, r: 28, fill: SLATE },
  { kind: 'circle', cx: 256, cy: 284, r: 16, fill: RED },
  { kind: 'circle', cx: 336, cy: 284, r: 20, fill: SLATE },
];

function inside(shape, px, py) {
  if (shape.kind === 'circle') return (px - shape.cx) ** 2 + (py - shape.cy) ** 2 <= shape.r ** 2;
  const { x, y, w, h, r } = shape;
  if (px < x || px > x + w || py < y || py > y + h) return false;
  const cx = Math.min(Math.max(px, x + r), x + w - r);
  const cy = Math.min(Math.max(py, y + r), y + h - r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
}

function rgb(hex) {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

function renderPng() {
  const samples = 4;
  const colours = shapes.map((s) => rgb(s.fill));
  const stride = SIZE * 4 + 1;
  const raw = Buffer.alloc(stride * SIZE);
  for (let y = 0; y < SIZE; y++) {
    raw[y * stride] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const px = x + (sx + 0.5) / samples;
          const py = y + (sy + 0.5) / samples;
          for (let i = shapes.length - 1; i >= 0; i--) {
            if (inside(shapes[i], px, py)) {
              const [cr, cg, cb] = colours[i];
              r += cr;
              g += cg;
              b += cb;
              a += 1;
              break;
            }
          }
        }
      }
      const o = y * stride + 1 + x * 4;
      // Average of the covered samples (straight alpha), coverage as alpha.
      raw[o] = a ? Math.round(r / a) : 0;
      raw[o + 1] = a ? Math.round(g / a) : 0;
      raw[o + 2] = a ? Math.round(b / a) : 0;
      raw[o + 3] = Math.round((a / (samples * samples)) * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function renderSvg() {
  const body = shapes
    .map((s) =>
      s.kind === 'circle'
        ? `  <circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${s.fill}"/>`
        : `  <rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${s.fill}"/>`,
    )
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">\n  <title>Casefile Workbench</title>\n${body}\n</svg>\n`;
}

const dir = new URL('./', import.meta.url);
writeFileSync(new URL('icon.svg', dir), renderSvg());
writeFileSync(new URL('icon.png', dir), renderPng());
console.log('Wrote assets/icon.svg and assets/icon.png (512x512).');
