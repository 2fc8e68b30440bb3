import type { Bridge, Unsubscribe } from '../../../shared/contract/methods';

/**
 * How the view is connected to the source of truth. IPC is always connected; over HTTP the
 * event stream can drop (reconnecting) or the browser can lack a session (unauthorized).
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected' | 'unauthorized';

export type ConnectionListener = (status: ConnectionStatus, detail: string | null) => void;

export interface ConnectionFeed {
  /** Calls the listener at once with the current status, then on every change. */
  subscribe(listener: ConnectionListener): Unsubscribe;
}

/** What the store talks to: the contract's Bridge plus, optionally, a connection status. */
export interface PanelBridge extends Bridge {
  connection?: ConnectionFeed;
}

/** A feed for transports that cannot drop (Electron IPC): always connected. */
export const alwaysConnected: ConnectionFeed = {
  subscribe(listener) {
    listener('connected', null);
    return () => undefined;
  },
};
