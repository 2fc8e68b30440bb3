/**
 * A small, deterministic YAML writer for plain data (objects, arrays, strings, numbers,
 * booleans). Hand-written rather than a dependency: the exports need only block style,
 * and the same input must always give the same bytes so a diff shows real changes.
 */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue | undefined };

const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./:-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|y|n|~)$/i;

function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  // JSON's double-quoted strings are valid YAML double-quoted scalars.
  return PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);
}

function isBlock(value: YamlValue | undefined): value is YamlValue[] | { [key: string]: YamlValue | undefined } {
  if (Array.isArray(value)) return value.length > 0;
  return typeof value === 'object' && value !== null && Object.values(value).some((v) => v !== undefined);
}

function emptyOf(value: YamlValue): string {
  return Array.isArray(value) ? '[]' : '{}';
}

function lines(value: YamlValue, indent: string): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (!isBlock(item)) return [`${indent}- ${typeof item === 'object' && item !== null ? emptyOf(item) : scalar(item)}`];
      const [first, ...rest] = lines(item, `${indent}  `);
      // The first line of a nested block shares the dash: "- name: blue".
      return Array.isArray(item) ? [`${indent}-`, first!, ...rest] : [`${indent}- ${first!.trimStart()}`, ...rest];
    });
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => {
      if (item === undefined) return [];
      if (isBlock(item)) return [`${indent}${scalar(key)}:`, ...lines(item, `${indent}  `)];
      return [`${indent}${scalar(key)}: ${typeof item === 'object' && item !== null ? emptyOf(item) : scalar(item)}`];
    });
  }
  return [`${indent}${scalar(value)}`];
}

/** The document, ending in a newline; `comments` become leading `#` lines. */
export function toYaml(value: YamlValue, comments: readonly string[] = []): string {
  return [...comments, ...lines(value, '')].join('\n') + '\n';
}
