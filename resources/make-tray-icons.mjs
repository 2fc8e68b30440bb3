#!/usr/bin/env node
// Draws the tray images into resources/: the fork of icon.png without its background, small
// enough to read at 16 px, in four variants, each at 1x (16 px) and @2x (32 px; Electron
// picks it on HiDPI screens from the file name):
//   tray.png / tray-warning.png                  colour, for Linux and Windows panels;
//   trayTemplate.png / trayWarningTemplate.png   black + alpha, for macOS, which recolours
//                                                "Template" images to suit the menu bar.
// "warning" adds a dot in the corner: an environment is down. The names are read by
// electron/main/tray-icon.ts. Run: node resources/make-tray-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { coverage, distanceToSegment, renderPng } from './png.mjs';

const dir = path.dirname(fileURLToPath(import.meta.url));

const TRUNK = [148, 163, 184];
const BLUE = [47, 111, 237];
const GREEN = [31, 157, 85];
const ALERT = [234, 88, 12];
const BLACK = [0, 0, 0];

const width = 0.17;
const segments = (template) => [
  { from: [0.5, 0.55], to: [0.2, 0.12], color: template ? BLACK : BLUE },
  { from: [0.5, 0.55], to: [0.8, 0.12], color: template ? BLACK : GREEN },
  { from: [0.5, 0.9], to: [0.5, 0.55], color: template ? BLACK : TRUNK },
];
const DOT = { centre: [0.78, 0.78], radius: 0.2, gap: 0.3 };

function draw(size, { template, warning }) {
  return renderPng(size, (p) => {
    let [r, g, b] = [0, 0, 0];
    let alpha = 0;
    for (const segment of segments(template)) {
      const cover = coverage(width / 2 - distanceToSegment(p, segment.from, segment.to), size);
      r += (segment.color[0] - r) * cover;
      g += (segment.color[1] - g) * cover;
      b += (segment.color[2] - b) * cover;
      alpha = Math.max(alpha, cover);
    }
    if (warning) {
      const distance = Math.hypot(p[0] - DOT.centre[0], p[1] - DOT.centre[1]);
      // A clear ring around the dot keeps it readable where it overlaps the fork.
      alpha *= 1 - coverage(DOT.gap - distance, size);
      const dot = coverage(DOT.radius - distance, size);
      const color = template ? BLACK : ALERT;
      if (dot > 0) [r, g, b] = alpha > 0 ? [r + (color[0] - r) * dot, g + (color[1] - g) * dot, b + (color[2] - b) * dot] : color;
      alpha = Math.max(alpha, dot);
    }
    return [r, g, b, alpha];
  });
}

const variants = [
  ['tray', { template: false, warning: false }],
  ['tray-warning', { template: false, warning: true }],
  ['trayTemplate', { template: true, warning: false }],
  ['trayWarningTemplate', { template: true, warning: true }],
];
for (const [name, options] of variants) {
  for (const [suffix, size] of [['', 16], ['@2x', 32]]) {
    const png = draw(size, options);
    fs.writeFileSync(path.join(dir, `${name}${suffix}.png`), png);
    console.log(`${name}${suffix}.png: ${size}x${size}, ${png.length} bytes`);
  }
}
