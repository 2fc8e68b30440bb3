import { shadowGateSchema, type ShadowGate } from './update-plan';

export type ShadowGateCheck = { ok: true; value: ShadowGate } | { ok: false; field: keyof ShadowGate; message: string };

/**
 * The shadow gate checked by its schema, with the failure said in the units people type (the
 * panel's form and the CLI's --shadow-* flags): the mismatch limit in %, the timeout in seconds,
 * where the schema speaks in a 0…1 rate and milliseconds. Each caller names the field its way.
 */
export function checkShadowGate(input: Partial<Record<keyof ShadowGate, unknown>>): ShadowGateCheck {
  const parsed = shadowGateSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = issue.path[0] as keyof ShadowGate;
  if (typeof input[field] === 'number' && Number.isNaN(input[field])) return { ok: false, field, message: 'must be a number' };
  return { ok: false, field, message: inFieldUnit(field, issue.message) };
}

function inFieldUnit(field: keyof ShadowGate, message: string): string {
  const bound = /^(must be (?:at least|at most|above)) ([\d.]+)$/.exec(message);
  if (!bound) return message;
  const value = Number(bound[2]);
  switch (field) {
    case 'maxMismatchRate':
      return `${bound[1]} ${value * 100} %`;
    case 'timeoutMs':
      return `${bound[1]} ${value / 1000} s`;
    case 'maxP99Ms':
      return `${bound[1]} ${value} ms`;
    case 'percent':
      return `${bound[1]} ${value} %`;
    default:
      return message;
  }
}
