import { describe, expect, it } from 'vitest';
import { BridgeError, createPreloadApi } from '../../electron/preload/api';
import { bridgeErrorMessage, parseBridgeError } from '../../shared/contract/ipc';
import { ipcEventChannel, ipcMethodChannel } from '../../shared/contract/ipc';
import { METHOD_NAMES } from '../../shared/contract/methods';

describe('the preload api', () => {
  it('invokes each method on its own channel, sending {} for no input', async () => {
    const calls: [string, unknown][] = [];
    const api = createPreloadApi(
      async (channel, input) => {
        calls.push([channel, input]);
        return { ok: true, value: channel };
      },
      () => () => undefined,
    ) as unknown as Record<string, (input?: unknown) => Promise<unknown>>;
    for (const method of METHOD_NAMES) expect(await api[method]!()).toBe(ipcMethodChannel(method));
    expect(calls).toEqual(METHOD_NAMES.map((method) => [ipcMethodChannel(method), {}]));
  });

  it('turns a failed result into an error that keeps its code in the message', async () => {
    const api = createPreloadApi(async () => ({ ok: false, error: { code: 'CONFLICT', message: 'busy' } }), () => () => undefined);
    const error = await api.getState({}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BridgeError);
    expect(error).toMatchObject({ code: 'CONFLICT', detail: 'busy', message: '[CONFLICT] busy' });
    expect(parseBridgeError((error as Error).message)).toEqual({ code: 'CONFLICT', message: 'busy' });
  });

  it('refuses a reply that is not an IpcResult', async () => {
    for (const reply of [undefined, null, 'ok', { ok: false }, { ok: false, error: { code: 1 } }, { ok: true }]) {
      const api = createPreloadApi(async () => reply, () => () => undefined);
      await expect(api.getState({})).rejects.toMatchObject({ code: 'INTERNAL' });
    }
  });

  it('subscribes to contract events only, handing the listener just the payload', () => {
    const subscribed: string[] = [];
    let deliver: (payload: unknown) => void = () => undefined;
    const api = createPreloadApi(
      async () => ({ ok: true, value: null }),
      (channel, listener) => {
        subscribed.push(channel);
        deliver = listener;
        return () => subscribed.splice(subscribed.indexOf(channel), 1);
      },
    );
    const seen: unknown[] = [];
    const off = api.on('state', (state) => seen.push(state));
    expect(subscribed).toEqual([ipcEventChannel('state')]);
    deliver({ revision: 7 });
    expect(seen).toEqual([{ revision: 7 }]);
    off();
    expect(subscribed).toEqual([]);
    expect(() => api.on('constructor' as 'state', () => undefined)).toThrow(/unknown event/);
    expect(() => api.on('state', 'not a function' as unknown as () => void)).toThrow(/listener function/);
  });

  it('round-trips error messages and ignores others', () => {
    expect(parseBridgeError(bridgeErrorMessage('INVALID_INPUT', 'setRatio: weights: bad\nsecond line'))).toEqual({
      code: 'INVALID_INPUT',
      message: 'setRatio: weights: bad\nsecond line',
    });
    expect(parseBridgeError('Error invoking remote method')).toBeUndefined();
  });
});
