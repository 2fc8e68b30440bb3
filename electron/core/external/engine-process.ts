import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/** How to run one engine in the foreground, so Turnout owns its lifetime. */
export interface EngineCommand {
  binary: string;
  args: string[];
  /** The signal that stops accepting and lets in-flight requests finish (HAProxy SIGUSR1, nginx SIGQUIT). */
  softStop: NodeJS.Signals;
  /** Where it listens: it is up once this accepts a connection. */
  host: string;
  port: number;
}

const START_TIMEOUT_MS = 5000;
const STOP_TIMEOUT_MS = 5000;

/**
 * An nginx or HAProxy process Turnout started. Its output is kept (the last lines), so a
 * failure to start is reported in the engine's own words rather than as a bare timeout.
 */
export class EngineProcess {
  private output = '';
  private exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.once('error', (error) => (this.output += `\n${error.message}`));
  }

  static async start(command: EngineCommand): Promise<EngineProcess> {
    const engine = new EngineProcess(spawn(command.binary, command.args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    let gone = false;
    void engine.exited.then(() => (gone = true));
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!gone && Date.now() < deadline) {
      if (await accepts(command.host, command.port)) return engine;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await engine.kill();
    throw new Error(`${command.binary} did not start listening on ${command.host}:${command.port}: ${engine.output.trim() || 'no output'}`);
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  get lastOutput(): string {
    return this.output;
  }

  /** Soft stop, then SIGKILL if it lingers; resolves once the process is gone. */
  async stop(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }

  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  whenExited(): Promise<number | null> {
    return this.exited;
  }
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A port free right now on `host`: the engines cannot report a port the kernel picked. */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
