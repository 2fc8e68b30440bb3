import { z } from 'zod';
import { STATUS_CLASSES, type RequestDetail, type RequestPage, type StatusClass } from './inspect';

/**
 * The request inspector, spread into the one contract (methods.ts). listRequests: the newest
 * `limit` records matching the filter (after `after`, for following), oldest first.
 * getRequest: one record with its (redacted) headers; NOT_FOUND once the ring dropped it.
 */
export const inspectMethods = {
  listRequests: {
    input: z
      .object({
        limit: z.number().int().min(1).max(10_000).default(100),
        after: z.number().int().min(0).optional(),
        environment: z.string().min(1).optional(),
        status: z.enum(STATUS_CLASSES as [StatusClass, ...StatusClass[]]).optional(),
        method: z.string().regex(/^[A-Za-z]+$/, 'must be an HTTP method').optional(),
        path: z.string().min(1).max(500).optional(),
        slowerThanMs: z.number().min(0).optional(),
      })
      .strict(),
  },
  /** By position (`seq`) or by request id (`id`, the newest with it). */
  getRequest: {
    input: z
      .object({ seq: z.number().int().min(1).optional(), id: z.string().min(1).max(200).optional() })
      .strict()
      .refine((input) => (input.seq === undefined) !== (input.id === undefined), { message: 'give exactly one of seq or id' }),
  },
} as const;

export interface InspectMethodResults {
  listRequests: RequestPage;
  getRequest: RequestDetail;
}
