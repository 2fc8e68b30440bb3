import type { Duplex } from 'node:stream';
import { closeFrame, FrameBoundary, GOING_AWAY } from './websocket-frames';

/** How long the closing handshake may take before both sockets are cut. */
const CLOSE_HANDSHAKE_MS = 2000;
/**
 * The close waits for the moment just after an exchange: traffic seen since the drain asked,
 * then nothing either way for QUIET_MS (no reply pending, and a client that sends now and
 * then has just sent, so its next send is far off); an idle tunnel closes after QUIET_WAIT_MS.
 * Why: a browser holds a close frame for some milliseconds before it fires `close`, and a
 * page that sends meanwhile gets "WebSocket is already in CLOSING or CLOSED state" in its
 * console. A client can still send at any instant; this makes it rare, not impossible.
 */
const QUIET_MS = 40;
const QUIET_WAIT_MS = 1000;
const REASON = 'Turnout: this environment is going away';
const CLOSE = 0x8;

/**
 * The two byte streams of one open WebSocket tunnel, watched for frame boundaries while
 * they pipe, so the tunnel can be ended the way a server going down ends it:
 * 1. a close frame 1001 Going Away goes to the client between two frames (client libraries,
 *    Socket.IO and browsers, reconnect on it without an error), and Turnout's side of that
 *    connection ends right after it: a browser that has the close frame but not yet the end
 *    stays CLOSING, and a page sending meanwhile gets a console error;
 * 2. what the client still sends until its close reply reaches the environment (a message
 *    sent in that instant is delivered, not dropped);
 * 3. the client's close reply is replaced by Turnout's own close frame to the environment,
 *    which sees its client leave normally; then both sockets end.
 * Nothing answers within CLOSE_HANDSHAKE_MS: both are cut.
 */
export class WebSocketFrames {
  private readonly down = new FrameBoundary();
  private readonly up = new FrameBoundary();
  private readonly observeDown = (chunk: Buffer): void => {
    this.lastActivity = performance.now();
    this.down.observe(chunk);
  };
  private readonly observeUp = (chunk: Buffer): void => {
    this.lastActivity = performance.now();
    this.up.observe(chunk);
  };
  private lastActivity = performance.now();
  private closing = false;

  constructor(
    private readonly client: Duplex,
    private readonly upstream: Duplex,
  ) {
    // Listeners beside the pipes see every chunk in order; they only count bytes.
    upstream.on('data', this.observeDown);
    client.on('data', this.observeUp);
  }

  goAway(): void {
    if (this.closing) return;
    this.closing = true;
    const asked = performance.now();
    const giveUpAt = asked + QUIET_WAIT_MS;
    const whenQuiet = (): void => {
      if (this.client.destroyed) return;
      const now = performance.now();
      const quietFor = now - this.lastActivity;
      if ((this.lastActivity > asked && quietFor >= QUIET_MS) || now >= giveUpAt) this.close();
      else setTimeout(whenQuiet, Math.min(this.lastActivity > asked ? QUIET_MS - quietFor : QUIET_MS, giveUpAt - now) + 1).unref();
    };
    whenQuiet();
  }

  private close(): void {
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
    client.once('close', () => clearTimeout(cut));
    const upstreamClose = closeFrame(GOING_AWAY, REASON, true);
    forward(upstream, client, this.down, {
      // The environment's frames go on only up to the end of the one in progress, then ours.
      stopAt: () => true,
      insert: closeFrame(GOING_AWAY, REASON, false),
      afterStop: () => client.end(),
    });
    forward(client, upstream, this.up, {
      // The client's frames go on until its close reply begins: that is replaced by ours.
      stopAt: (opcode) => opcode === CLOSE,
      insert: upstreamClose,
      afterStop: () => undefined,
    });
  }
}

interface ForwardPlan {
  /** Called at each frame boundary with the next frame's opcode (-1 when not known yet): stop here? */
  stopAt: (opcode: number) => boolean;
  /** Written to the target where forwarding stops. */
  insert: Buffer;
  afterStop: () => void;
}

/** Copies `source` to `target` frame by frame until the plan says stop, writes its frame, then drops the rest. */
function forward(source: Duplex, target: Duplex, frames: FrameBoundary, plan: ForwardPlan): void {
  let stopped = false;
  const stop = (): void => {
    stopped = true;
    if (!target.destroyed && target.writable) target.write(plan.insert);
    plan.afterStop();
  };
  // Between frames already, and told to stop whatever comes next: stop now.
  if (frames.atBoundary && plan.stopAt(-1)) stop();
  source.on('data', (chunk: Buffer) => {
    let at = 0;
    while (!stopped && at < chunk.length) {
      if (frames.atBoundary && plan.stopAt(chunk[at]! & 0x0f)) {
        target.write(chunk.subarray(0, at));
        return stop();
      }
      const end = frames.nextBoundary(chunk, at);
      if (end === -1) break;
      at = end;
    }
    if (!stopped) target.write(chunk);
  });
  source.resume();
}
