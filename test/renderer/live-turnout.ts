import { createHttpClient, type FetchLike } from '../../shared/contract/http';
import type { ContractClient } from '../../shared/contract/methods';
import type { RunningTurnout } from '../../electron/server/app';
import { createHttpBridge, type HttpBridge } from '../../renderer/src/bridge/http-bridge';
import { createTurnoutStore, type TurnoutStore, type TurnoutStoreApi } from '../../renderer/src/store/turnout-store';
import { startBackend, type Backend } from '../support/backends';
import { makeTempDir } from '../support/temp-dir';
import { nodeEventFeed } from './node-event-feed';
import { startTurnoutIn } from '../support/turnout-fixture';

const nodeFetch = fetch as unknown as FetchLike;

/** A real Turnout (store, proxy, admin API) in this process, with two real backends. */
export interface LiveTurnout {
  running: RunningTurnout;
  token: string;
  proxyUrl: string;
  /** Another client of the same API, as the CLI would be. */
  cli: ContractClient;
  stop(): Promise<void>;
}

export async function startLiveTurnout(): Promise<LiveTurnout> {
  const temp = makeTempDir('turnout-renderer-');
  const blue: Backend = await startBackend('blue');
  const green: Backend = await startBackend('green');
  const token = 'renderer-test-token';
  const running = await startTurnoutIn(temp.dir, token, [`blue=${blue.url}`, `green=${green.url}`]);
  const state = await running.control.getState();
  return {
    running,
    token,
    proxyUrl: state.proxy.url,
    cli: createHttpClient({ baseUrl: running.adminUrl, token, source: 'cli', fetch: nodeFetch }),
    async stop() {
      await running.stop();
      await blue.close();
      await green.close();
      temp.cleanup();
    },
  };
}

/** The renderer's own HTTP bridge, on Node's fetch and an SSE reader, with a bearer token. */
export function nodeHttpBridge(adminUrl: string, token: string): HttpBridge {
  return createHttpBridge({ baseUrl: adminUrl, fetch: nodeFetch, bearerToken: token, openEvents: nodeEventFeed(token) });
}

export interface ConnectedStore {
  store: TurnoutStoreApi;
  bridge: HttpBridge;
  disconnect(): void;
}

/** The renderer's store, following a live Turnout over HTTP. */
export function connectStore(adminUrl: string, token: string): ConnectedStore {
  const bridge = nodeHttpBridge(adminUrl, token);
  const store = createTurnoutStore(bridge);
  const unsubscribe = store.getState().connect();
  return {
    store,
    bridge,
    disconnect() {
      unsubscribe();
      bridge.close();
    },
  };
}

/** Resolves once the store satisfies `predicate`; fails with the last state after `timeoutMs`. */
export function until(store: TurnoutStoreApi, predicate: (state: TurnoutStore) => boolean, timeoutMs = 5_000): Promise<TurnoutStore> {
  return new Promise((resolve, reject) => {
    if (predicate(store.getState())) return resolve(store.getState());
    const timer = setTimeout(() => {
      unsubscribe();
      const { server, draft, connection, connectionDetail, applyError } = store.getState();
      reject(new Error(`store never got there: ${JSON.stringify({ connection, connectionDetail, draft, applyError, weights: server?.environments.map((env) => env.weight) })}`));
    }, timeoutMs);
    const unsubscribe = store.subscribe((state) => {
      if (!predicate(state)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(state);
    });
  });
}
