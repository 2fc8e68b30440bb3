import type http from 'node:http';
import type { KeptBody } from '../../../shared/contract/inspect';

/**
 * Keeps the first `limit` bytes of a body that flows past (only when bodies are turned on):
 * the request's as it streams upstream, the response's as it is written to the client.
 */
export class BodyTap {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  size = 0;

  constructor(private readonly limit: number) {}

  take = (chunk: Buffer | string, encoding?: BufferEncoding): void => {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, encoding ?? 'utf8') : chunk;
    this.size += buffer.length;
    if (this.kept >= this.limit) return;
    const part = buffer.length > this.limit - this.kept ? buffer.subarray(0, this.limit - this.kept) : buffer;
    this.chunks.push(Buffer.from(part));
    this.kept += part.length;
  };

  body(): KeptBody {
    const data = Buffer.concat(this.chunks);
    const text = data.toString('utf8');
    // Text that survives a round trip is kept as text; anything else (images, gzip) as base64.
    const utf8 = Buffer.byteLength(text) === data.length && !text.includes('\uFFFD');
    return { encoding: utf8 ? 'utf8' : 'base64', data: utf8 ? text : data.toString('base64'), size: this.size, truncated: this.size > data.length };
  }
}

/** Taps what is written to the client (both upstream clients write through write/end). */
export function tapResponse(res: http.ServerResponse, tap: BodyTap): void {
  const write = res.write;
  const end = res.end;
  res.write = function (this: http.ServerResponse, chunk: unknown, ...rest: unknown[]) {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') tap.take(chunk as Buffer | string, typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : undefined);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: http.ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') tap.take(chunk as Buffer | string, typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : undefined);
    return (end as (...args: unknown[]) => http.ServerResponse).call(this, chunk, ...rest);
  } as typeof res.end;
}
