import { describe, expect, it } from 'vitest';
import { MAX_ERROR_CHARS, oneLine } from '../../electron/server/cli/one-line';

describe('a CLI error is one printable line', () => {
  it('escapes what would break the line or drive the terminal, and keeps printable Unicode', () => {
    expect(oneLine('no profile named "a\nb\rc\td"')).toBe('no profile named "a\\nb\\rc\\td"');
    expect(oneLine('x\u001b[31my\u0000z\u2028\u202e\ud800')).toBe('x\\u001b[31my\\u0000z\\u2028\\u202e\\ud800');
    expect(oneLine('Prüfung 生产 👩‍👩‍👧')).toBe('Prüfung 生产 👩‍👩‍👧');
  });

  it('cuts an overlong message and says by how much', () => {
    const line = oneLine(`no preset "${'x'.repeat(200_000)}"`);
    expect(line.length).toBeLessThan(MAX_ERROR_CHARS + 40);
    expect(line).toMatch(/… \(\d+ more characters\)$/);
  });
});
