import { describe, expect, it } from 'vitest';
import { sliderRatioText, sliderValueText, thumbPosition } from '../../renderer/src/features/ratio/ratio-text';

describe('ratio slider text', () => {
  it('speaks both environments in percent, the first one being the slider value', () => {
    expect(sliderValueText(['blue', 'green'], 70)).toBe('blue 70 %, green 30 %');
    expect(sliderValueText(['blue', 'green'], 0)).toBe('blue 0 %, green 100 %');
  });

  it('shows the ratio as "70 … 30"', () => {
    expect(sliderRatioText(['blue', 'green'], 70)).toBe('70 … 30');
    expect(sliderRatioText(['a', 'b'], 100)).toBe('100 … 0');
  });

  it('places a mark where the range thumb centre sits', () => {
    expect(thumbPosition(0, 22)).toBe('calc(11px + (100% - 22px) * 0)');
    expect(thumbPosition(80, 22)).toBe('calc(11px + (100% - 22px) * 0.8)');
  });
});
