/**
 * Characters that must not reach a terminal raw from an error message, which often quotes
 * what the user typed: controls (a line break, ESC starting a terminal escape, NUL), line
 * and paragraph separators, lone surrogates and bidi controls (which reorder what is shown).
 */
const UNSAFE = /[\p{Cc}\p{Cs}\u2028\u2029\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/gu;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
/** Long enough for any message Turnout writes; a quoted 200 kB argument is cut. */
export const MAX_ERROR_CHARS = 500;

/** An error as one printable line: unsafe characters escaped (\n, \u001b), overlong text cut with a count. */
export function oneLine(message: string): string {
  const escaped = message.replace(UNSAFE, (char) => NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (escaped.length <= MAX_ERROR_CHARS) return escaped;
  return `${escaped.slice(0, MAX_ERROR_CHARS)}… (${escaped.length - MAX_ERROR_CHARS} more characters)`;
}
