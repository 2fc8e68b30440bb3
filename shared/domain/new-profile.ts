import { profileNameSchema, profileSchema } from './profile';

/**
 * Controls (line breaks, tabs, NUL, ESC), line and paragraph separators, lone surrogates and
 * invisible formatting (bidi overrides, zero-width spaces, BOM): in a name they break the
 * CLI's one-line output, smuggle terminal escapes into it, or make two names look alike.
 * The joiners and tag characters of emoji sequences stay allowed.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}]|(?!\u200C|\u200D|[\u{E0020}-\u{E007F}])\p{Cf}/u;
const MESSAGE = 'must not contain control, line-break or invisible formatting characters';

export function isPrintableName(name: string): boolean {
  return !UNPRINTABLE.test(name);
}

/**
 * A profile name given now (create, rename, copy, import). Names are checked this way only on
 * the way in: a profile stored under an older, laxer rule still loads (profileSchema).
 */
export const newProfileNameSchema = profileNameSchema.refine(isPrintableName, MESSAGE);

export const newProfileSchema = profileSchema.superRefine((profile, ctx) => {
  if (!isPrintableName(profile.name)) ctx.addIssue({ code: 'custom', path: ['name'], message: MESSAGE });
});
