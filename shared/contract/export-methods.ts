import { z } from 'zod';
import { EXPORT_FORMATS, type ExportedConfig } from '../domain/export';
import { profileNameSchema } from '../domain/profile';

/**
 * Exports of a profile as another engine's configuration (nginx, HAProxy, Traefik,
 * Kubernetes Gateway API). Spread into `methods` (methods.ts), so every transport serves them.
 */
export const exportMethods = {
  /** No profile: the active one, with its current ratio. */
  exportConfig: { input: z.object({ format: z.enum(EXPORT_FORMATS), profile: profileNameSchema.optional() }).strict() },
} as const;

export interface ExportMethodResults {
  exportConfig: ExportedConfig;
}
