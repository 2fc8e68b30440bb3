import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrPath } from '../../renderer/src/features/demo/qr-path';

/** The dark modules a path draws, as "col,row" without the quiet zone. */
const dark = (d: string): Set<string> => new Set([...d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${Number(m[1]) - 4},${Number(m[2]) - 4}`));

describe('qrPath: the demo URL as one SVG path', () => {
  it('draws exactly the modules the qrcode package encodes, inside a 4-module quiet zone', () => {
    const url = 'http://192.168.1.20:8800/';
    const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const { size, d } = qrPath(url);
    expect(size).toBe(modules.size + 8);
    const drawn = dark(d);
    for (let row = 0; row < modules.size; row++) for (let col = 0; col < modules.size; col++) expect(drawn.has(`${col},${row}`)).toBe(modules.get(row, col) === 1);
    // The three finder patterns' corners are dark.
    for (const corner of ['0,0', `${modules.size - 1},0`, `0,${modules.size - 1}`]) expect(drawn.has(corner)).toBe(true);
  });
});
