import type { Duplex } from 'node:stream';

/**
 * What a client that breaks HTTP gets: a short status line and a closed connection. The
 * parser rejects bad header bytes, Content-Length together with Transfer-Encoding
 * (request smuggling), oversized headers and slow headers before any handler runs.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
  // Destroy once flushed: end() alone only half-closes, and a slowloris client never finishes its side.
  socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`, () => socket.destroy());
}
