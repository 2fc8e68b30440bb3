/** Starting and stopping the processes under test: forked TypeScript children and plain binaries. */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** Forks a TypeScript file under tsx and waits for its first IPC message that has `key`. */
export async function forkTs<T>(file: string, args: string[], key: string, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; value: T }> {
  const child = fork(path.join(import.meta.dirname, file), args, {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const value = await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} did not start within 20 s`)), 20_000);
    child.on('message', (message: Record<string, unknown>) => {
      if (!(key in message)) return;
      clearTimeout(timer);
      resolve(message[key] as T);
    });
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
  return { child, value };
}

/** Spawns a binary in the foreground and waits until something accepts on 127.0.0.1:port. */
export async function spawnListening(command: string, args: string[], port: number): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null) throw new Error(`${command} exited with ${child.exitCode}: ${stderr.trim()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${command} did not listen on ${port} within 10 s: ${stderr.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return child;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** A port that was free a moment ago (for the binaries, which need one in their config). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Asks a child to stop (IPC 'stop' or a signal), then kills it if it lingers. */
export function stop(child: ChildProcess, how: 'ipc' | NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    // A child already hit by the same Ctrl-C may have dropped its IPC channel: signal it instead.
    if (how === 'ipc' && child.connected) child.send('stop', (error) => error && child.kill('SIGTERM'));
    else child.kill(how === 'ipc' ? 'SIGTERM' : how);
  });
}
