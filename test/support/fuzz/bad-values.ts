import type { Random } from './random';

/**
 * The kinds of bad input the fuzz suites draw from. Every value here is wrong for the slot
 * it is drawn for (the callers choose the pool by what the slot accepts), so any answer
 * but a refusal is a finding, never a valid input that happened to be generated.
 */

/** Long enough to hurt when echoed or stored, short enough to fit the admin API's 1 MiB body. */
export const HUGE = 'x'.repeat(200_000);

/** Text that is unusual in names and messages: controls, bidi overrides, lone surrogates, zero-width, ANSI, NUL. */
export const ODD_UNICODE = [
  'line\nbreak',
  'carriage\rreturn',
  'tab\there',
  'nul\u0000byte',
  'esc\u001b[31mred\u001b[0m',
  'bidi\u202eevil',
  'isolate\u2066x\u2069',
  'zero\u200bwidth',
  'lone\ud800surrogate',
  'b\ufeffom',
  '\u0085next-line',
  'line\u2028separator',
];

/** Unicode a person may well type: valid where any text is, so used only where the value must name something that exists. */
export const PLAIN_UNICODE = ['Prüfung', 'ｂｌｕｅ', 'é-nfd\u0301', '生产', '👩‍👩‍👧', 'Ωmega', 'ⅸ'];

/** JSON values of every type, to put where another type belongs. */
export const ANY_TYPE: readonly unknown[] = [null, true, false, 0, -1, 1.5, 1e308, '', 'text', [], [1, 'a'], {}, { a: 1 }];

export function wrongTypeFor(random: Random, expected: 'string' | 'number' | 'boolean' | 'object' | 'array'): unknown {
  const candidates = ANY_TYPE.filter((value) => jsonType(value) !== expected);
  return random.pick(candidates);
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

/** Numbers that are out of range for a slot accepting integers min…max (fractions, too small, too big, huge). */
export function outOfRange(random: Random, min: number, max: number): number {
  return random.pick([min - 1, max + 1, min + 0.5, -1e308, 1e308, Number.MAX_SAFE_INTEGER + 2, -(2 ** 31)].filter((value) => value < min || value > max || !Number.isInteger(value)));
}

/** JSON text nested `depth` deep: arrays or objects, built as text (a JS value that deep could not even be serialised). */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Names that can exist nowhere: odd, plain-foreign or huge text (for lookups, where NOT_FOUND is the right refusal). */
export function missingName(random: Random): string {
  return random.pick([...ODD_UNICODE, ...PLAIN_UNICODE, `no-such-${random.int(1e6)}`, HUGE]);
}
