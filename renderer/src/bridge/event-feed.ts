import { EVENT_NAMES, type EventName } from '../../../shared/contract/methods';

/**
 * The event stream as the HTTP bridge sees it, so the bridge runs on a browser EventSource
 * and, in tests, on any other server-sent-events reader.
 */
export interface EventFeedHandlers {
  open(): void;
  /** One contract event, its payload still JSON text. */
  event(name: EventName, data: string): void;
  /** `gaveUp`: the feed stopped for good (e.g. an HTTP error status); otherwise it is retrying by itself. */
  error(gaveUp: boolean): void;
}

export type OpenEventFeed = (url: string, handlers: EventFeedHandlers) => { close(): void };

/** The browser's EventSource: sends the session cookie, reconnects by itself after a network drop. */
export const openBrowserEventFeed: OpenEventFeed = (url, handlers) => {
  const source = new EventSource(url);
  source.addEventListener('open', () => handlers.open());
  for (const name of EVENT_NAMES) {
    source.addEventListener(name, (event) => handlers.event(name, String((event as MessageEvent).data)));
  }
  source.addEventListener('error', () => handlers.error(source.readyState === EventSource.CLOSED));
  return { close: () => source.close() };
};
