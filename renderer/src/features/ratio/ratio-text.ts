import { formatRatio, weightsFromSlider } from '../../../../shared/domain/ratio';

/** What a screen reader says for the slider: "blue 70 %, green 30 %". */
export function sliderValueText(pair: readonly [string, string], value: number): string {
  const weights = weightsFromSlider(value, pair);
  return pair.map((name) => `${name} ${weights[name]} %`).join(', ');
}

/** "70 … 30" for a slider value. */
export function sliderRatioText(pair: readonly [string, string], value: number): string {
  return formatRatio(weightsFromSlider(value, pair), pair);
}

/** Where the thumb's centre sits on a range input of a given thumb size, as a CSS length. */
export function thumbPosition(value: number, thumbPx: number): string {
  return `calc(${thumbPx / 2}px + (100% - ${thumbPx}px) * ${value / 100})`;
}
