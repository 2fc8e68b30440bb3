/**
 * Ratio math. Weights are whole numbers that sum to 100, so a weight is also the
 * environment's share in percent ("70 … 30").
 */
export type Weights = Record<string, number>;

export const RATIO_TOTAL = 100;

export class RatioError extends Error {
  override name = 'RatioError';
}

/** Throws RatioError unless the weights name exactly `names` and sum to 100. */
export function validateWeights(weights: Weights, names: readonly string[]): Weights {
  for (const key of Object.keys(weights)) {
    if (!names.includes(key)) throw new RatioError(`unknown environment "${key}" (known: ${names.join(', ')})`);
  }
  const result: Weights = {};
  let sum = 0;
  for (const name of names) {
    const weight = weights[name];
    if (weight === undefined) throw new RatioError(`missing a weight for "${name}"`);
    if (!Number.isInteger(weight) || weight < 0 || weight > RATIO_TOTAL) {
      throw new RatioError(`weight of "${name}" must be a whole number from 0 to 100, got ${weight}`);
    }
    result[name] = weight;
    sum += weight;
  }
  if (sum !== RATIO_TOTAL) throw new RatioError(`weights must sum to 100, got ${sum}`);
  return result;
}

/**
 * Parses what a person types: "70:30" (in environment order) or "blue=70 green=30"
 * (by name; with one environment left out, it takes the remainder).
 */
export function parseRatio(text: string, names: readonly string[]): Weights {
  const trimmed = text.trim();
  if (trimmed === '') throw new RatioError('empty ratio: use e.g. "70:30" or "blue=70 green=30"');
  if (!trimmed.includes('=')) {
    const parts = trimmed.split(/[:/]/).map((part) => part.trim());
    if (parts.length !== names.length) {
      throw new RatioError(`"${trimmed}" has ${parts.length} parts, but there are ${names.length} environments (${names.join(', ')})`);
    }
    const weights: Weights = {};
    parts.forEach((part, index) => {
      weights[names[index]!] = parseWeight(part, names[index]!);
    });
    return validateWeights(weights, names);
  }
  const weights: Weights = {};
  for (const pair of trimmed.split(/[\s,]+/)) {
    const match = /^([^=]+)=(.*)$/.exec(pair);
    if (!match) throw new RatioError(`"${pair}" is not name=weight`);
    const name = match[1]!.trim();
    if (!names.includes(name)) throw new RatioError(`unknown environment "${name}" (known: ${names.join(', ')})`);
    if (name in weights) throw new RatioError(`"${name}" is given twice`);
    weights[name] = parseWeight(match[2]!, name);
  }
  const missing = names.filter((name) => !(name in weights));
  if (missing.length === 1) {
    const given = Object.values(weights).reduce((a, b) => a + b, 0);
    if (given > RATIO_TOTAL) throw new RatioError(`weights must sum to 100, got ${given}`);
    weights[missing[0]!] = RATIO_TOTAL - given;
  }
  return validateWeights(weights, names);
}

function parseWeight(text: string, name: string): number {
  const value = text.trim().replace(/%$/, '');
  if (!/^\d{1,3}$/.test(value)) throw new RatioError(`weight of "${name}" must be a whole number from 0 to 100, got "${text}"`);
  return Number(value);
}

/** "70 … 30", in environment order. */
export function formatRatio(weights: Weights, names: readonly string[]): string {
  return names.map((name) => String(weights[name] ?? 0)).join(' … ');
}

/** The two-environment slider moves the first weight; the second takes the rest. */
export function weightsFromSlider(value: number, names: readonly [string, string]): Weights {
  const first = Math.min(RATIO_TOTAL, Math.max(0, Math.round(value)));
  return { [names[0]]: first, [names[1]]: RATIO_TOTAL - first };
}

export function sameWeights(a: Weights, b: Weights): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
