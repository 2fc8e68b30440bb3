/**
 * Orders names (profiles, shadow routes) case-insensitively by code point. Not localeCompare:
 * its first call maps ICU's collation tables into the process (about 2.5 MB of RSS that
 * `turnout serve` would then hold for good) to order a handful of names a person typed.
 */
export function byName(a: string, b: string): number {
  const [left, right] = [a.toLowerCase(), b.toLowerCase()];
  if (left !== right) return left < right ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
