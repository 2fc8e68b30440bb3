import { describe, expect, it } from 'vitest';
import { formatRatio, parseRatio, RatioError, validateWeights, weightsFromSlider } from '../../shared/domain/ratio';

const names = ['blue', 'green'];

describe('parseRatio', () => {
  it('reads positional ratios in environment order', () => {
    expect(parseRatio('70:30', names)).toEqual({ blue: 70, green: 30 });
    expect(parseRatio('0:100', names)).toEqual({ blue: 0, green: 100 });
  });

  it('reads named weights, in any order', () => {
    expect(parseRatio('green=100 blue=0', names)).toEqual({ blue: 0, green: 100 });
    expect(parseRatio('blue=25,green=75', names)).toEqual({ blue: 25, green: 75 });
  });

  it('gives the remainder to the one environment left out', () => {
    expect(parseRatio('blue=80', names)).toEqual({ blue: 80, green: 20 });
    expect(parseRatio('a=10 b=20', ['a', 'b', 'c'])).toEqual({ a: 10, b: 20, c: 70 });
  });

  it.each([
    ['', /empty ratio/],
    ['60:30', /sum to 100, got 90/],
    ['70:30:0', /3 parts, but there are 2/],
    ['blue=70 red=30', /unknown environment "red"/],
    ['blue=x', /whole number/],
    ['blue=70.5 green=29.5', /whole number/],
    ['blue=120', /sum to 100, got 120/],
    ['blue=50 blue=50', /given twice/],
    ['-10:110', /whole number/],
  ])('refuses %j with a message naming the problem', (text, message) => {
    expect(() => parseRatio(text, names)).toThrow(RatioError);
    expect(() => parseRatio(text, names)).toThrow(message);
  });
});

describe('validateWeights', () => {
  it('needs every environment, whole numbers, sum 100', () => {
    expect(validateWeights({ blue: 100, green: 0 }, names)).toEqual({ blue: 100, green: 0 });
    expect(() => validateWeights({ blue: 100 }, names)).toThrow(/missing a weight for "green"/);
    expect(() => validateWeights({ blue: 101, green: -1 }, names)).toThrow(/0 to 100/);
  });
});

describe('slider and formatting', () => {
  it('moves the first weight and gives the rest to the second', () => {
    expect(weightsFromSlider(70, ['blue', 'green'])).toEqual({ blue: 70, green: 30 });
    expect(weightsFromSlider(140, ['blue', 'green'])).toEqual({ blue: 100, green: 0 });
  });

  it('formats as "70 … 30"', () => {
    expect(formatRatio({ blue: 70, green: 30 }, names)).toBe('70 … 30');
  });
});
