import { describe, expect, it } from 'vitest';
import { isPrintableName, newProfileNameSchema } from '../../shared/domain/new-profile';
import { profileNameSchema } from '../../shared/domain/profile';

describe('names given to profiles now', () => {
  it('take any printable text, emoji sequences with their joiners and tags included', () => {
    for (const name of ['Staging', 'Prüfung', 'ｂｌｕｅ', 'e\u0301', '生产', '👩‍👩‍👧', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', 'a b.c-d_e']) expect(isPrintableName(name), name).toBe(true);
  });

  it('refuse controls, line breaks, lone surrogates and invisible formatting', () => {
    for (const name of ['a\nb', 'a\rb', 'a\tb', 'a\u0000b', 'a\u001b[31m', 'a\u0085b', 'a\u2028b', 'a\ud800b', 'a\u202eb', 'a\u2066b', 'a\u200bb', 'a\ufeffb']) {
      expect(newProfileNameSchema.safeParse(name).success, JSON.stringify(name)).toBe(false);
    }
  });

  it('leave stored names alone: the rule is only on the way in', () => {
    expect(profileNameSchema.safeParse('legacy\tname').success).toBe(true);
  });
});
