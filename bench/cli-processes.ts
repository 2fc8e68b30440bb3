/**
 * Timing `turnout` as users run it (`node bin/turnout.js …`, a child process each time):
 * one short command's wall time, and how long `turnout serve` takes to accept connections.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { processTree } from './proc-cpu';

const CLI = path.resolve(import.meta.dirname, '..', 'bin', 'turnout.js');

/** `turnout <args>` (or `node <args>` with `node: true`), from spawn to exit, in ms; a non-zero exit is an error. */
export function timeCommand(args: string[], env: NodeJS.ProcessEnv = {}, options: { node?: boolean } = {}): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, options.node ? args : [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve(ms);
      else reject(new Error(`${options.node ? 'node' : 'turnout'} ${args.join(' ')} exited with ${code}: ${stderr.trim()}`));
    });
  });
}

export interface StartedServe {
  child: ChildProcess;
  /** From spawn until the proxy's port accepted a TCP connection. */
  acceptMs: number;
  /** From spawn until serve printed "Ready.". */
  readyMs: number;
}

/**
 * Spawns `turnout serve <args>` with the proxy on 127.0.0.1:`listenPort` and tries to
 * connect every 5 ms from the moment it is spawned, until the proxy accepts and serve says "Ready.".
 */
export async function startServe(args: string[], listenPort: number, env: NodeJS.ProcessEnv = {}): Promise<StartedServe> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'serve', ...args, '--listen', `127.0.0.1:${listenPort}`], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let readyMs: number | undefined;
  const onData = (chunk: Buffer): void => {
    output += chunk.toString();
    if (readyMs === undefined && output.includes('Ready.')) readyMs = performance.now() - started;
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let acceptMs: number | undefined;
  const deadline = started + 20_000;
  while (acceptMs === undefined || readyMs === undefined) {
    if (child.exitCode !== null) throw new Error(`turnout serve exited with ${child.exitCode}: ${output.trim()}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`turnout serve was not ready within 20 s: ${output.trim()}`);
    }
    if (acceptMs === undefined && (await accepts(listenPort))) acceptMs = performance.now() - started;
    else await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { child, acceptMs, readyMs };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Forks a JavaScript file and waits for its { url } over IPC (the node-floor proxy, built). */
export function forkForUrl(file: string, args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(file, args, { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.on('message', (message: { url?: string }) => message.url && resolve({ child, url: message.url }));
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
}

/** Resident memory of the process and its descendants (proxy workers, if any), in MB. */
export function treeRssMb(pid: number): number {
  let kb = 0;
  for (const member of processTree(pid)) {
    try {
      kb += Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${member}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // Gone between listing and reading: it holds no memory any more.
    }
  }
  return kb / 1024;
}
