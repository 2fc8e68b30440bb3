import { ContractError } from '../../../shared/contract/errors';
import { createHttpClient, EVENTS_PATH, LOGIN_PATH, type FetchLike } from '../../../shared/contract/http';
import { METHOD_NAMES, type ContractClient, type ContractEvents, type EventName } from '../../../shared/contract/methods';
import { openBrowserEventFeed, type OpenEventFeed } from './event-feed';
import type { ConnectionListener, ConnectionStatus, PanelBridge } from './panel-bridge';

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 10_000;

export interface HttpBridgeOptions {
  /** '' in the browser (same origin); a full URL elsewhere. */
  baseUrl: string;
  fetch: FetchLike;
  openEvents: OpenEventFeed;
  /** Exchanged once for a session cookie (the #token=… of the panel link). */
  loginToken?: string;
  /** Sent as a bearer token on every call (clients without cookies). */
  bearerToken?: string;
}

export type HttpBridge = PanelBridge & {
  /** Settles once the login (if any) is done: whether the token was accepted. */
  loggedIn: Promise<boolean>;
  close(): void;
};

/** The contract over the admin HTTP API: methods by POST, state by server-sent events. */
export function createHttpBridge(options: HttpBridgeOptions): HttpBridge {
  const base = options.baseUrl.replace(/\/$/, '');
  const client = createHttpClient({ baseUrl: base, fetch: options.fetch, source: 'window', ...(options.bearerToken ? { token: options.bearerToken } : {}) });
  const ready = options.loginToken === undefined ? Promise.resolve(true) : login(base, options.fetch, options.loginToken);
  const eventListeners = new Map<EventName, Set<(payload: never) => void>>();
  const statusListeners = new Set<ConnectionListener>();
  let status: ConnectionStatus = 'connecting';
  let detail: string | null = null;
  let feed: { close(): void } | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryDelay = RETRY_MIN_MS;
  let closed = false;

  const setStatus = (next: ConnectionStatus, nextDetail: string | null = null): void => {
    if (next === status && nextDetail === detail) return;
    status = next;
    detail = nextDetail;
    statusListeners.forEach((listener) => listener(status, detail));
  };

  const openFeed = async (): Promise<void> => {
    const loggedIn = await ready;
    if (closed || feed) return;
    feed = options.openEvents(base + EVENTS_PATH, {
      open: () => {
        retryDelay = RETRY_MIN_MS;
        setStatus('connected');
      },
      event: (name, data) => {
        const payload = JSON.parse(data) as never;
        eventListeners.get(name)?.forEach((listener) => listener(payload));
      },
      error: (gaveUp) => {
        if (!gaveUp) {
          setStatus('disconnected', 'Lost the connection to Turnout; reconnecting…');
          return;
        }
        feed?.close();
        feed = undefined;
        void diagnose(loggedIn);
      },
    });
  };

  /** The event stream refused or failed for good: ask the API why, then retry unless unauthorized. */
  const diagnose = async (loggedIn: boolean): Promise<void> => {
    try {
      await client.getState({});
      setStatus('disconnected', 'The event stream failed; retrying…');
    } catch (error) {
      if (error instanceof ContractError && error.code === 'UNAUTHORIZED') {
        setStatus('unauthorized', loggedIn ? null : 'The token in the link was not accepted.');
        return;
      }
      setStatus('disconnected', `Turnout is not reachable (${error instanceof Error ? error.message : String(error)}); retrying…`);
    }
    if (closed) return;
    retryTimer = setTimeout(() => void openFeed(), retryDelay);
    retryDelay = Math.min(RETRY_MAX_MS, retryDelay * 2);
  };

  const methods = Object.fromEntries(
    METHOD_NAMES.map((method) => [
      method,
      async (input: unknown) => {
        await ready;
        return (client[method] as (input: unknown) => Promise<unknown>)(input);
      },
    ]),
  ) as unknown as ContractClient;

  return {
    ...methods,
    loggedIn: ready,
    on<E extends EventName>(event: E, listener: (payload: ContractEvents[E]) => void) {
      // One stream carries every event; it opens with the first listener.
      const listeners = eventListeners.get(event) ?? new Set();
      eventListeners.set(event, listeners);
      listeners.add(listener);
      void openFeed();
      return () => void listeners.delete(listener);
    },
    connection: {
      subscribe(listener) {
        statusListeners.add(listener);
        listener(status, detail);
        return () => statusListeners.delete(listener);
      },
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      feed?.close();
      feed = undefined;
    },
  };
}

/** Trades the link's token for an HttpOnly session cookie; resolves whether it was accepted. */
async function login(base: string, fetch: FetchLike, token: string): Promise<boolean> {
  try {
    const response = await fetch(base + LOGIN_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
      credentials: 'same-origin',
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** The panel in a browser served by `turnout serve`: logs in with #token=…, then drops it from the address bar. */
export function createBrowserBridge(): HttpBridge {
  const token = tokenInHash();
  // A panel link pasted into this tab changes only the hash: start over so its token is used.
  window.addEventListener('hashchange', () => {
    if (tokenInHash()) window.location.reload();
  });
  const bridge = createHttpBridge({
    baseUrl: '',
    fetch: window.fetch.bind(window),
    openEvents: openBrowserEventFeed,
    ...(token ? { loginToken: token } : {}),
  });
  if (token) {
    // Once the cookie is set (or refused), the token has no business in the URL or history.
    void bridge.loggedIn.then(() => window.history.replaceState(null, '', window.location.pathname + window.location.search));
  }
  return bridge;
}

function tokenInHash(): string | undefined {
  return new URLSearchParams(window.location.hash.slice(1)).get('token') || undefined;
}
