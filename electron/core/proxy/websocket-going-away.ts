import type { Duplex } from 'node:stream';
import { closeFrame, FrameBoundary, GOING_AWAY } from './websocket-frames';

/** How long the closing handshake may take before both sockets are cut. */
const CLOSE_HANDSHAKE_MS = 2000;
const REASON = 'Turnout: this environment is going away';

/**
 * The two byte streams of one open WebSocket tunnel, watched for frame boundaries while
 * they pipe, so the tunnel can be ended the way a server going down ends it: a close frame
 * 1001 Going Away to the client (which reconnects cleanly: no error, no lost state beyond
 * the socket) and one to the environment (which sees its client leave normally), each put
 * between two frames. Then the client's close reply is awaited and both sockets end.
 */
export class WebSocketFrames {
  private readonly down = new FrameBoundary();
  private readonly up = new FrameBoundary();
  private readonly observeDown = (chunk: Buffer): void => this.down.observe(chunk);
  private readonly observeUp = (chunk: Buffer): void => this.up.observe(chunk);
  private closing = false;

  constructor(
    private readonly client: Duplex,
    private readonly upstream: Duplex,
  ) {
    // Listeners beside the pipes see every chunk in order; they only count bytes.
    upstream.on('data', this.observeDown);
    client.on('data', this.observeUp);
  }

  /** Sends both close frames at the next boundary and ends both sockets after the handshake. */
  goAway(): void {
    if (this.closing) return;
    this.closing = true;
    const { client, upstream } = this;
    upstream.off('data', this.observeDown);
    client.off('data', this.observeUp);
    upstream.unpipe(client);
    client.unpipe(upstream);
    const cut = setTimeout(() => {
      client.destroy();
      upstream.destroy();
    }, CLOSE_HANDSHAKE_MS);
    cut.unref();
    const done = (): void => clearTimeout(cut);
    client.once('close', done);
    // Whatever either side sends after its close frame went out is dropped; a close reply ends that side.
    sendAtBoundary(upstream, client, this.down, closeFrame(GOING_AWAY, REASON, false), () => undefined);
    sendAtBoundary(client, upstream, this.up, closeFrame(GOING_AWAY, REASON, true), () => client.end());
  }
}

/**
 * Forwards `source` to `target` up to the end of the frame in progress, writes `frame`, then
 * drops what follows, calling `onCloseReply` when the peer's own close frame (opcode 8) ends.
 */
function sendAtBoundary(source: Duplex, target: Duplex, frames: FrameBoundary, frame: Buffer, onCloseReply: () => void): void {
  let sent = false;
  const send = (): void => {
    sent = true;
    if (!target.destroyed && target.writable) target.write(frame);
  };
  const after = new CloseReplyWatch(onCloseReply);
  if (frames.atBoundary) send();
  source.on('data', (chunk: Buffer) => {
    if (sent) return after.observe(chunk);
    const end = frames.nextBoundary(chunk);
    if (end === -1) {
      target.write(chunk);
      return;
    }
    target.write(chunk.subarray(0, end));
    send();
    after.observe(chunk.subarray(end));
  });
  source.resume();
}

/** Watches a stream from a frame boundary on and calls back once a close frame has arrived whole. */
class CloseReplyWatch {
  private readonly frames = new FrameBoundary();
  private opcode = -1;
  private called = false;

  constructor(private readonly onClose: () => void) {}

  observe(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && !this.called) {
      if (this.frames.atBoundary) this.opcode = chunk[at]! & 0x0f;
      const end = this.frames.nextBoundary(chunk, at);
      if (end === -1) return;
      at = end;
      if (this.opcode === 0x8) {
        this.called = true;
        this.onClose();
      }
    }
  }
}
