/**
 * The results table: absolute numbers plus ratios against nginx, the direct backend and,
 * for Turnout's rows, the Node floor (how many times the bare node:http + undici CPU per
 * request Turnout spends; the excess is Turnout's own work). Beside rps and CPU, their
 * min–max over the rounds: on a VM whose speed drifts, a ratio means little without it.
 * Ratios are medians of the per-round ratios (see `ratio`).
 */
import { median, type Measurement } from './measure';

const pad = (text: string, width: number, left = false): string => (left ? text.padEnd(width) : text.padStart(width));
/**
 * A row's ratio to a reference: the median of the per-round ratios (both were measured in the
 * same round, so the machine's drift between rounds cancels out), or of the medians when the
 * round counts differ.
 */
function ratio(row: Measurement, base: Measurement | undefined, key: 'rps' | 'cpuUsPerRequest'): string {
  if (!base) return '-';
  return `${pairedRatio(row, base, key).toFixed(2)}×`;
}

export function pairedRatio(row: Measurement, base: Measurement, key: 'rps' | 'cpuUsPerRequest'): number {
  const paired = row.samples.length === base.samples.length && row.samples.length > 0;
  return paired ? median(row.samples.map((sample, i) => sample[key] / base.samples[i]![key])) : row[key] / base[key];
}
const range = (min: number, max: number, digits: number): string => `${min.toFixed(digits)}–${max.toFixed(digits)}`;

export interface References {
  nginx?: Measurement;
  direct?: Measurement;
  floor?: Measurement;
}

export function formatTable(rows: readonly Measurement[], { nginx, direct, floor }: References): string {
  const header = ['target', 'rps', 'rps min–max', 'p50 ms', 'p99 ms', 'CPU µs/req', 'CPU min–max', 'rps vs nginx', 'CPU vs nginx', 'CPU vs floor', 'rps vs direct', 'errors'];
  const lines = rows.map((row) => [
    row.name,
    Math.round(row.rps).toString(),
    range(row.rpsMin, row.rpsMax, 0),
    row.p50Ms.toFixed(2),
    row.p99Ms.toFixed(2),
    row.cpuUsPerRequest.toFixed(1),
    range(row.cpuMin, row.cpuMax, 1),
    ratio(row, nginx, 'rps'),
    ratio(row, nginx, 'cpuUsPerRequest'),
    row.name.startsWith('turnout') ? ratio(row, floor, 'cpuUsPerRequest') : '-',
    ratio(row, direct, 'rps'),
    String(row.errors),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i]!.length)));
  const render = (cells: string[]): string => `| ${cells.map((cell, i) => pad(cell, widths[i]!, i === 0)).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? ':' : '-').padEnd(w + 1, '-') + (i === 0 ? '-' : ':')).join('|')}|`;
  return [render(header), rule, ...lines.map(render)].join('\n');
}
