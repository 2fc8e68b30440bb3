import { z } from 'zod';
import { newProfileSchema } from './new-profile';
import type { Profile } from './profile';

/** What `profile export` writes and `profile import` reads: versioned, so later Turnouts can migrate it. */
export const PROFILE_FILE_FORMAT = 'turnout-profiles';
export const PROFILE_FILE_VERSION = 1;

export const profileFileSchema = z
  .object({
    format: z.literal(PROFILE_FILE_FORMAT, { error: `must be "${PROFILE_FILE_FORMAT}" (is this a Turnout profile export?)` }),
    version: z.literal(PROFILE_FILE_VERSION, { error: `this Turnout reads version ${PROFILE_FILE_VERSION} profile files` }),
    // Imported names are new names: held to the rule for names given now.
    profiles: z.array(newProfileSchema).min(1, 'holds no profile').max(100, 'at most 100 profiles in one file'),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.profiles.forEach((profile, index) => {
      if (seen.has(profile.name)) ctx.addIssue({ code: 'custom', path: ['profiles', index, 'name'], message: `"${profile.name}" is in the file twice` });
      seen.add(profile.name);
    });
  });

export type ProfileFile = z.infer<typeof profileFileSchema>;

export function makeProfileFile(profiles: Profile[]): ProfileFile {
  return { format: PROFILE_FILE_FORMAT, version: PROFILE_FILE_VERSION, profiles };
}

/** "profiles.0.environments.1.url: must be an absolute http:// ..." for the first problem. */
export function describeFirstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
