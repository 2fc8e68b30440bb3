import { ContractError } from '../../../shared/contract/errors';
import type { MethodInput, MethodResults } from '../../../shared/contract/methods';
import type { Inspector } from '../inspect/inspector';
import { replay } from '../inspect/replay';

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

/** replayRequest (inspect/replay.ts): the record must still be in the ring, `to` an environment of the running profile. */
export async function replayRequest(live: { inspector: Inspector | undefined; environmentUrl(name: string): string | undefined } | undefined, input: MethodInput<'replayRequest'>): Promise<MethodResults['replayRequest']> {
  const record = live?.inspector?.raw(input.seq);
  if (!record) throw new ContractError('NOT_FOUND', `no request record #${input.seq} (the ring keeps the newest ones only)`);
  const url = live!.environmentUrl(input.to);
  if (url === undefined) throw new ContractError('NOT_FOUND', `no environment "${input.to}" in the running profile`);
  const originalUrl = live!.environmentUrl(record.environment);
  const original = originalUrl === undefined ? undefined : { name: record.environment, url: originalUrl };
  return replay(input.seq, record, original, { name: input.to, url }, input.confirm);
}
