import { randomBytes } from 'node:crypto';

/**
 * Where WebSocket frames begin and end in a raw byte stream (RFC 6455 §5.2). A tunnel pipes
 * bytes without reading them; to close one cleanly, Turnout must put its close frame
 * between two frames, never inside one, or the client would read garbage. This tracks only
 * the framing (header length, payload length), never the payload, so compressed or
 * fragmented messages pass untouched (control frames may sit between fragments).
 */
export class FrameBoundary {
  private readonly header = Buffer.alloc(14);
  private headerBytes = 0;
  private headerNeeded = 2;
  private payloadLeft = 0;
  /** The opcode of the frame in progress or last read (8 is close). */
  opcode = -1;

  /** Nothing of a frame is pending: a new frame may be inserted here. */
  get atBoundary(): boolean {
    return this.headerBytes === 0 && this.payloadLeft === 0;
  }

  /**
   * Reads `chunk` from `start` and returns the offset just past the first frame that ends in
   * it (a boundary), or -1 when the chunk ends inside a frame. The state follows up to the
   * returned offset (or the whole chunk), so calling again from there goes on.
   */
  nextBoundary(chunk: Buffer, start = 0): number {
    let at = start;
    while (at < chunk.length) {
      if (this.payloadLeft > 0) {
        const take = Math.min(this.payloadLeft, chunk.length - at);
        this.payloadLeft -= take;
        at += take;
        if (this.payloadLeft === 0) return at;
        continue;
      }
      if (this.headerBytes === 0) this.opcode = chunk[at]! & 0x0f;
      this.header[this.headerBytes++] = chunk[at++]!;
      if (this.headerBytes === 2) this.headerNeeded = headerLength(this.header);
      if (this.headerBytes < this.headerNeeded) continue;
      this.payloadLeft = payloadLength(this.header);
      this.headerBytes = 0;
      this.headerNeeded = 2;
      if (this.payloadLeft === 0) return at;
    }
    return -1;
  }

  /** Reads a whole chunk (observing a stream that flows on its own). */
  observe(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      const next = this.nextBoundary(chunk, at);
      if (next === -1) return;
      at = next;
    }
  }
}

/** 2 bytes, plus 2 or 8 of extended length, plus 4 of mask key when the mask bit is set. */
function headerLength(header: Buffer): number {
  const short = header[1]! & 0x7f;
  const extended = short === 126 ? 2 : short === 127 ? 8 : 0;
  return 2 + extended + (header[1]! & 0x80 ? 4 : 0);
}

function payloadLength(header: Buffer): number {
  const short = header[1]! & 0x7f;
  if (short === 126) return header.readUInt16BE(2);
  if (short === 127) return Number(header.readBigUInt64BE(2));
  return short;
}

/** 1001 Going Away: "a server going down" (RFC 6455 §7.4.1), what client libraries reconnect on. */
export const GOING_AWAY = 1001;

/**
 * A close frame with a status code and a short reason. A client must mask what it sends
 * (§5.3), so the frame Turnout sends upstream, acting as the client there, is masked.
 */
export function closeFrame(code: number, reason: string, masked: boolean): Buffer {
  const body = Buffer.concat([Buffer.from([code >> 8, code & 0xff]), Buffer.from(reason, 'utf8').subarray(0, 123)]);
  const head = Buffer.from([0x88, (masked ? 0x80 : 0) | body.length]);
  if (!masked) return Buffer.concat([head, body]);
  const key = randomBytes(4);
  for (let i = 0; i < body.length; i++) body[i]! ^= key[i % 4]!;
  return Buffer.concat([head, key, body]);
}
