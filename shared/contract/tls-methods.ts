import { z } from 'zod';
import type { TrustStep } from '../domain/front-tls';

/**
 * Where Turnout's local CA is and how to trust it (the text of `turnout tls ca`), spread
 * into the one contract (methods.ts). The CA is made on first call if there is none yet.
 */
export const tlsMethods = {
  tlsTrust: { input: z.object({}).strict() },
} as const;

export interface TlsTrust {
  /** The CA's public certificate (PEM); its key stays beside it, mode 600. */
  caFile: string;
  subject: string;
  /** ISO time. */
  notAfter: string;
  steps: TrustStep[];
}

export interface TlsMethodResults {
  tlsTrust: TlsTrust;
}
