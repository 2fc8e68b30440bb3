/**
 * A flag that cannot become part of a profile. Apart from profile-overrides.ts (which
 * builds zod schemas as it loads) so the CLI can recognise it in any command.
 */
export class OverrideError extends Error {
  override name = 'OverrideError';
}
