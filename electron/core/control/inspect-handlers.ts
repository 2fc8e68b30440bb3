import { ContractError } from '../../../shared/contract/errors';
import type { MethodInput, MethodResults } from '../../../shared/contract/methods';
import type { Inspector } from '../inspect/inspector';

const EMPTY: MethodResults['listRequests'] = { records: [], last: 0, held: 0, capacity: 0, recording: false };

/** listRequests: an external engine (HAProxy, nginx) has no records here; its page is empty. */
export function listRequests(inspector: Inspector | undefined, input: MethodInput<'listRequests'>): MethodResults['listRequests'] {
  return inspector?.list(input) ?? EMPTY;
}

/** getRequest: NOT_FOUND when the ring no longer holds it (or never did). */
export function getRequest(inspector: Inspector | undefined, input: MethodInput<'getRequest'>): MethodResults['getRequest'] {
  const detail = inspector?.get(input);
  if (!detail) throw new ContractError('NOT_FOUND', `no request record ${input.seq !== undefined ? `#${input.seq}` : `with id "${input.id}"`} (the ring keeps the newest ones only)`);
  return detail;
}
