import QRCode from 'qrcode';

/** Quiet zone the QR standard asks for around the code, in modules. */
const QUIET = 4;

/**
 * A URL as a QR code, drawn as one SVG path (one square per dark module) in a viewBox of
 * `size` modules. The qrcode package does the encoding; the drawing is ours so React renders
 * plain elements and nothing goes through innerHTML.
 */
export function qrPath(text: string): { size: number; d: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) parts.push(`M${col + QUIET} ${row + QUIET}h1v1h-1z`);
    }
  }
  return { size: modules.size + 2 * QUIET, d: parts.join('') };
}
