/**
 * Where Turnout listens unless told otherwise. Kept apart from profile.ts (which builds zod
 * schemas as it loads) so the CLI's help and client commands can name them without zod.
 */
export const DEFAULT_LISTEN = '127.0.0.1:8800';
export const DEFAULT_ADMIN = '127.0.0.1:8801';
