import { z } from 'zod';
import { upstreamUrlSchema } from '../domain/environment';
import { listenAddressSchema } from '../domain/profile';
import { newProfileNameSchema } from '../domain/new-profile';

/** Adopting an app that already serves (spread into `methods`). */
export const adoptMethods = {
  /**
   * Puts Turnout in front of an app already serving at `url`: it becomes Blue (checked where
   * it is); with `clone`, Green is started from that command on a free port and must pass its
   * health check. The profile is saved and made active. All or nothing: on any error nothing
   * is stored and nothing is left running.
   */
  adopt: {
    input: z
      .object({
        url: upstreamUrlSchema,
        /** Run by the shell, `{port}` and `{name}` filled in (PORT is set too). */
        clone: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters').optional(),
        /** The clone's working directory (the CLI sends its own). */
        cwd: z.string().trim().min(1).max(1000).optional(),
        name: newProfileNameSchema.optional(),
        /** The proxy's address; none: the active profile's. */
        listen: listenAddressSchema.optional(),
        /** Where both are health-checked. */
        healthPath: z.string().regex(/^\/\S*$/, 'must start with / and contain no spaces').default('/'),
        /** How long the clone may take to answer its health check. */
        readyTimeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
      })
      .strict(),
  },
} as const;

export interface AdoptResult {
  profile: string;
  proxyUrl: string;
  blue: string;
  green: string;
  /** Whether Turnout runs Green (a clone command was given). */
  greenManaged: boolean;
  /** What to do next, in order: how to move clients over. */
  nextSteps: string[];
}

export interface AdoptMethodResults {
  adopt: AdoptResult;
}
