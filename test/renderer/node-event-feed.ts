import { EVENT_NAMES, type EventName } from '../../shared/contract/methods';
import type { OpenEventFeed } from '../../renderer/src/bridge/event-feed';

/**
 * A server-sent-events reader for Node (which has no EventSource): the HTTP bridge runs on
 * it in tests, with a bearer token instead of the browser's session cookie. It does not
 * retry by itself: any end of the stream is reported as given up, and the bridge decides.
 */
export function nodeEventFeed(token: string): OpenEventFeed {
  return (url, handlers) => {
    const controller = new AbortController();
    void (async () => {
      try {
        const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: controller.signal });
        if (!response.ok || !response.body) {
          await response.body?.cancel();
          handlers.error(true);
          return;
        }
        handlers.open();
        const decoder = new TextDecoder();
        let buffer = '';
        const reader = response.body.getReader();
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          buffer += decoder.decode(chunk.value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            dispatch(buffer.slice(0, end), handlers.event);
            buffer = buffer.slice(end + 2);
          }
        }
        handlers.error(true);
      } catch {
        if (!controller.signal.aborted) handlers.error(true);
      }
    })();
    return { close: () => controller.abort() };
  };
}

function dispatch(block: string, emit: (name: EventName, data: string) => void): void {
  let name = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if ((EVENT_NAMES as readonly string[]).includes(name) && data.length > 0) emit(name as EventName, data.join('\n'));
}
