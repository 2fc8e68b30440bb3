#!/usr/bin/env node
// Draws resources/icon.png (the window and installer icon): a track that forks into a blue
// and a green branch on a dark rounded square. The tray images: make-tray-icons.mjs.
// Run: node resources/make-icon.mjs [size]   (default 512)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { coverage, distanceToSegment, renderPng, roundedSquareInside } from './png.mjs';

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

const png = renderPng(size, (p) => {
  let [r, g, b] = BG;
  const alpha = coverage(roundedSquareInside(p[0], p[1], 0.2), size);
  for (const segment of segments) {
    const cover = coverage(width / 2 - distanceToSegment(p, segment.from, segment.to), size);
    r += (segment.color[0] - r) * cover;
    g += (segment.color[1] - g) * cover;
    b += (segment.color[2] - b) * cover;
  }
  return [r, g, b, alpha];
});
fs.writeFileSync(out, png);
console.log(`${path.basename(out)}: ${size}x${size}, ${png.length} bytes`);
