/**
 * Server-sent events (text/event-stream): the one kind of streaming response an update drain
 * ends on purpose. Its clients (EventSource) reconnect by themselves after a clean end, and
 * the protocol marks where one event stops, so Turnout can end it between two events. Any
 * other streamed body would look complete if ended early, so it is never ended, only cut.
 */
export function isEventStream(contentType: string | string[] | undefined): boolean {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return value !== undefined && value.trimStart().toLowerCase().startsWith('text/event-stream');
}

/**
 * Whether the bytes passed so far end on an event boundary (a blank line: LF LF, CR CR or
 * CRLF CRLF), across chunk edges. Nothing passed yet counts as a boundary.
 */
export class EventBoundary {
  private tail: Buffer = Buffer.alloc(0);

  observe(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.tail = chunk.length >= 4 ? chunk.subarray(chunk.length - 4) : Buffer.concat([this.tail, chunk]).subarray(-4);
  }

  get atBoundary(): boolean {
    const t = this.tail;
    const n = t.length;
    if (n === 0) return true;
    if (n < 2) return false;
    const last = t[n - 1];
    const before = t[n - 2];
    if (last === 0x0a) return before === 0x0a || (before === 0x0d && n >= 4 && t[n - 3] === 0x0a && t[n - 4] === 0x0d);
    return last === 0x0d && before === 0x0d;
  }
}
