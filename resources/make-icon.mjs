#!/usr/bin/env node
// Draws resources/icon.png (the window and, later, tray icon): a track that forks into a blue
// and a green branch on a dark rounded square. Pure Node (zlib), no image libraries.
// Run: node resources/make-icon.mjs [size]   (default 512)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const size = Number(process.argv[2]) || 512;
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), size === 512 ? 'icon.png' : `icon-${size}.png`);

const BG = [30, 41, 59];
const TRACK = [226, 232, 240];
const BLUE = [47, 111, 237];
const GREEN = [31, 157, 85];

// Shapes in a 0..1 unit square: a rounded background, then thick segments drawn in order.
const segments = [
  { from: [0.5, 0.56], to: [0.27, 0.2], color: BLUE },
  { from: [0.5, 0.56], to: [0.73, 0.2], color: GREEN },
  { from: [0.5, 0.86], to: [0.5, 0.56], color: TRACK },
];
const width = 0.085;

function distanceToSegment([px, py], [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function roundedSquareInside(x, y, radius) {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return radius - Math.hypot(x - cx, y - cy);
}

const pixels = Buffer.alloc(size * (size * 4 + 1));
const aa = 1 / size;
for (let y = 0; y < size; y++) {
  pixels[y * (size * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < size; x++) {
    const p = [(x + 0.5) / size, (y + 0.5) / size];
    let [r, g, b] = BG;
    let alpha = Math.max(0, Math.min(1, roundedSquareInside(p[0], p[1], 0.2) / aa + 0.5));
    for (const segment of segments) {
      const cover = Math.max(0, Math.min(1, (width / 2 - distanceToSegment(p, segment.from, segment.to)) / aa + 0.5));
      r += (segment.color[0] - r) * cover;
      g += (segment.color[1] - g) * cover;
      b += (segment.color[2] - b) * cover;
    }
    const at = y * (size * 4 + 1) + 1 + x * 4;
    pixels[at] = Math.round(r);
    pixels[at + 1] = Math.round(g);
    pixels[at + 2] = Math.round(b);
    pixels[at + 3] = Math.round(alpha * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(pixels, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.writeFileSync(out, png);
console.log(`${path.basename(out)}: ${size}x${size}, ${png.length} bytes`);
