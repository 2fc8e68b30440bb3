import { createTwoFilesPatch } from 'diff';
import type { KeptBody } from '../../../shared/contract/inspect';
import type { BodyComparison, HeaderDifference, JsonDifference, ReplaySide } from '../../../shared/contract/replay';

/** Headers that differ on every answer by nature (or are Turnout's own): never a difference. */
const VOLATILE = new Set(['date', 'x-request-id', 'x-served-by', 'connection', 'keep-alive', 'transfer-encoding', 'age', 'etag', 'last-modified', 'content-length']);
/** More JSON differences than this are cut (the first ones tell the story). */
const MAX_JSON_DIFFERENCES = 50;

/** Headers present on one side only or with another value, names compared case-insensitively. */
export function headerDifferences(a: ReplaySide, b: ReplaySide): HeaderDifference[] {
  const index = (side: ReplaySide) => {
    const map = new Map<string, string>();
    for (const [name, value] of side.headers) {
      const lower = name.toLowerCase();
      if (VOLATILE.has(lower)) continue;
      map.set(lower, map.has(lower) ? `${map.get(lower)}, ${value}` : value);
    }
    return map;
  };
  const left = index(a);
  const right = index(b);
  const names = [...new Set([...left.keys(), ...right.keys()])].sort();
  return names.filter((name) => left.get(name) !== right.get(name)).map((name) => ({ name, a: left.get(name) ?? null, b: right.get(name) ?? null }));
}

/** Bodies compared: JSON as data, text as a unified diff, anything else byte for byte. */
export function compareBodies(a: ReplaySide, b: ReplaySide): BodyComparison {
  const left = a.body;
  const right = b.body;
  if (!left && !right) return { kind: 'none', same: true };
  const partial = Boolean(left?.truncated || right?.truncated);
  const json = [parseJson(left), parseJson(right)];
  if (json[0] !== undefined && json[1] !== undefined) {
    const differences: JsonDifference[] = [];
    jsonDifferences(json[0], json[1], '$', differences);
    return { kind: 'json', same: differences.length === 0, json: differences.slice(0, MAX_JSON_DIFFERENCES), ...(partial ? { partial } : {}) };
  }
  if ((left?.encoding ?? 'utf8') === 'utf8' && (right?.encoding ?? 'utf8') === 'utf8') {
    const [x, y] = [left?.data ?? '', right?.data ?? ''];
    if (x === y) return { kind: 'text', same: true, ...(partial ? { partial } : {}) };
    return { kind: 'text', same: false, text: createTwoFilesPatch(a.environment, b.environment, ensureNewline(x), ensureNewline(y), '', '', { context: 3 }), ...(partial ? { partial } : {}) };
  }
  return { kind: 'binary', same: left?.data === right?.data && left?.encoding === right?.encoding, ...(partial ? { partial } : {}) };
}

/** Every path where two JSON values differ (objects by key, arrays by position). */
export function jsonDifferences(a: unknown, b: unknown, path: string, out: JsonDifference[]): void {
  if (out.length > MAX_JSON_DIFFERENCES) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) jsonDifferences(i < a.length ? a[i] : undefined, i < b.length ? b[i] : undefined, `${path}[${i}]`, out);
    return;
  }
  if (isObject(a) && isObject(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) jsonDifferences(a[key], b[key], `${path}.${key}`, out);
    return;
  }
  if (!Object.is(a, b)) out.push({ path, a: a === undefined ? null : a, b: b === undefined ? null : b });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(body: KeptBody | undefined): unknown {
  if (!body || body.encoding !== 'utf8' || body.truncated) return undefined;
  const text = body.data.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
