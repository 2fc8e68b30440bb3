import type { TurnoutState } from '../../../shared/contract/state';

/** POSTs one contract method to a running admin API and returns the answer (status and parsed body). */
export async function callApi(adminUrl: string, token: string, method: string, body: string, contentType = 'application/json'): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (contentType !== '') headers['content-type'] = contentType;
  const response = await fetch(`${adminUrl}/api/v1/${method}`, { method: 'POST', headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: kept as text for the failure message.
  }
  return { status: response.status, body: parsed };
}

/**
 * Everything a change could touch, read through the admin API: every stored profile whole,
 * the profile list, the history (health transitions aside: a probe may flap on a busy
 * machine, and no input causes them), and the state minus live counters and probes.
 */
export async function storeSnapshot(adminUrl: string, token: string): Promise<unknown> {
  const read = async (method: string, input: unknown = {}) => {
    const answer = await callApi(adminUrl, token, method, JSON.stringify(input));
    if (answer.status !== 200) throw new Error(`${method} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const state = (await read('getState')) as TurnoutState;
  const history = (await read('getHistory', { limit: 500 })) as { entries: { kind: string }[] };
  return {
    profiles: await read('exportProfiles'),
    list: await read('listProfiles'),
    presets: await read('listPresets'),
    history: history.entries.filter((entry) => entry.kind !== 'health'),
    state: {
      profile: state.profile,
      proxy: state.proxy,
      environments: state.environments.map(({ name, color, url, weight }) => ({ name, color, url, weight })),
      presets: state.presets,
      profileNames: state.profileNames,
      canUndo: state.canUndo,
      demo: state.demo,
      flow: state.flow,
    },
  };
}
