/** An SVG polyline's points for a series, scaled into width × height (y grows downwards). */
export function sparklinePoints(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((value, index) => {
      const x = values.length > 1 ? index * step : width;
      const y = height - (Math.max(0, value) / max) * (height - 2) - 1;
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}

const round = (value: number): number => Math.round(value * 10) / 10;
