import { healthCheckSchema, type HealthCheck } from '../../../../shared/domain/health-settings';
import { fieldErrors, type FieldErrors } from '../profiles/profile-form';

/** The health-check form as typed. */
export type HealthDraft = Record<Exclude<keyof HealthCheck, 'enabled' | 'method'>, string> & Pick<HealthCheck, 'enabled' | 'method'>;

export const NUMBER_FIELDS = ['intervalMs', 'timeoutMs', 'rise', 'fall', 'expectStatusMin', 'expectStatusMax', 'passive5xx'] as const;

export function healthDraft(check: HealthCheck): HealthDraft {
  return {
    enabled: check.enabled,
    method: check.method,
    path: check.path,
    ...(Object.fromEntries(NUMBER_FIELDS.map((key) => [key, String(check[key])])) as Record<(typeof NUMBER_FIELDS)[number], string>),
  };
}

/** Checked by the shared schema, so the form says exactly what the core would refuse. */
export function parseHealthDraft(draft: HealthDraft): { check: HealthCheck | null; errors: FieldErrors } {
  const numbers = Object.fromEntries(NUMBER_FIELDS.map((key) => [key, draft[key].trim() === '' ? Number.NaN : Number(draft[key])]));
  const result = healthCheckSchema.safeParse({ enabled: draft.enabled, method: draft.method, path: draft.path.trim(), ...numbers });
  return result.success ? { check: result.data, errors: {} } : { check: null, errors: fieldErrors(result.error) };
}
