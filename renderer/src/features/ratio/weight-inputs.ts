import { RATIO_TOTAL, type Weights } from '../../../../shared/domain/ratio';

/** What the per-environment weight inputs (more than two environments) hold: text as typed. */
export type WeightDraft = Record<string, string>;

export interface WeightCheck {
  /** The weights to send, when every field is valid and they sum to 100. */
  weights: Weights | null;
  /** Per field: why it is not a weight. */
  fieldErrors: Record<string, string>;
  sum: number;
  /** About the whole: the sum, when the fields are fine but do not make 100. */
  sumError: string | null;
}

export function draftFromWeights(weights: Weights, names: readonly string[]): WeightDraft {
  return Object.fromEntries(names.map((name) => [name, String(weights[name] ?? 0)]));
}

/** Inline validation: whole numbers 0…100 that sum to 100. */
export function checkWeightDraft(draft: WeightDraft, names: readonly string[]): WeightCheck {
  const fieldErrors: Record<string, string> = {};
  const weights: Weights = {};
  let sum = 0;
  for (const name of names) {
    const text = (draft[name] ?? '').trim();
    if (!/^\d{1,3}$/.test(text) || Number(text) > RATIO_TOTAL) {
      fieldErrors[name] = text === '' ? 'Enter a weight' : 'A whole number from 0 to 100';
      continue;
    }
    weights[name] = Number(text);
    sum += weights[name];
  }
  const fieldsOk = Object.keys(fieldErrors).length === 0;
  const sumError = fieldsOk && sum !== RATIO_TOTAL ? `The weights add up to ${sum}; they must make 100 (${sum > RATIO_TOTAL ? `${sum - RATIO_TOTAL} too many` : `${RATIO_TOTAL - sum} to go`}).` : null;
  return { weights: fieldsOk && sumError === null ? weights : null, fieldErrors, sum, sumError };
}
