import { ContractError } from '../../../shared/contract/errors';
import type { MethodInput, MethodResults } from '../../../shared/contract/methods';
import type { ShadowStatus } from '../../../shared/contract/shadow';
import type { Inspector } from '../inspect/inspector';

type Live = { inspector: Inspector | undefined; environmentUrl(name: string): string | undefined } | undefined;

const IDLE: ShadowStatus = { active: false, environment: null, percent: 0, startedAt: null, stoppedAt: null, sampled: 0, compared: 0, dropped: 0, overCap: 0, queued: 0, inFlight: 0, routes: [] };

/**
 * Why the running profile cannot shadow (null: it can): the embedded proxy with recording on.
 * An update with a shadow gate is refused at its start for the same reasons, not after its drain.
 */
export function shadowUnavailable(live: Live): string | null {
  const inspector = live?.inspector;
  if (!inspector) return 'shadow needs the embedded proxy (an external engine does not hand its requests to Turnout)';
  if (!inspector.recording) return 'shadow copies are taken from request records: turn recording on (turnout profile edit NAME --record on)';
  return null;
}

/** shadowStart (inspect/shadow.ts): the embedded proxy with recording on, and an environment of the running profile. */
export function shadowStart(live: Live, input: MethodInput<'shadowStart'>): MethodResults['shadowStart'] {
  const unavailable = shadowUnavailable(live);
  const inspector = live?.inspector;
  if (unavailable !== null || !live || !inspector) throw new ContractError('CONFLICT', unavailable ?? 'shadow cannot run here');
  const url = live.environmentUrl(input.environment);
  if (url === undefined) throw new ContractError('NOT_FOUND', `no environment "${input.environment}" in the running profile`);
  return inspector.shadow.start({ name: input.environment, url }, input.percent, (name) => live.environmentUrl(name));
}

export function shadowStop(live: Live): MethodResults['shadowStop'] {
  return live?.inspector?.shadow.stop() ?? IDLE;
}

export function shadowStatus(live: Live): MethodResults['shadowStatus'] {
  return live?.inspector?.shadow.status() ?? IDLE;
}
