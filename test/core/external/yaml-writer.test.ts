import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { toYaml } from '../../../shared/domain/export/yaml';

const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

describe('the exports\' YAML writer', () => {
  it('writes what a YAML parser reads back unchanged, quoting what would change meaning', () => {
    const data = {
      plain: 'PathPrefix(`/`)',
      words: ['yes', 'no', 'null', 'true', '~', '', ' padded ', '0100', '1e3', 'a: b', '# not a comment', 'it\'s "quoted"', 'ünïcode'],
      numbers: [0, 70, 1000000],
      flags: { on: true, off: false },
      nested: [{ name: 'blue', weight: 70, tags: [] }, [1, [2]], {}],
      'key with space': null,
    };
    expect(yaml.load(toYaml(data, ['# a comment']))).toEqual(data);
  });

  it('is deterministic: same data, same bytes', () => {
    expect(toYaml({ a: [1, { b: 'c' }] })).toBe('a:\n  - 1\n  - b: c\n');
  });
});
