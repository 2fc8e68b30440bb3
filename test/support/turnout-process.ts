import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startBackend, type Backend } from './backends';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(REPO_ROOT, 'bin', 'turnout.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `turnout <args>` as a child process, as a user would. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ServeProcess {
  child: ChildProcess;
  proxyUrl: string;
  adminUrl: string;
  output(): string;
  stop(): Promise<number | null>;
}

/** Starts `turnout serve` and waits for "Ready", reading the bound ports from its output. */
export function startServe(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 20_000): Promise<ServeProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`turnout serve did not become ready:\n${output}`));
    }, timeoutMs);
    const stop = (): Promise<number | null> =>
      new Promise((done) => {
        if (child.exitCode !== null) return done(child.exitCode);
        child.once('exit', (code) => done(code));
        child.kill('SIGTERM');
      });
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (!output.includes('Ready.')) return;
      clearTimeout(timer);
      const proxyUrl = /^Proxy\s+(https?:\/\/\S+)/m.exec(output)?.[1] ?? '';
      const adminUrl = /^Panel\s+(http:\/\/[^/\s]+)/m.exec(output)?.[1] ?? '';
      resolve({ child, proxyUrl, adminUrl, output: () => output, stop });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`turnout serve exited with ${code}:\n${output}`));
    });
  });
}

/**
 * Child-process CLI calls against a running server (its admin URL read when called, since
 * suites start the server in beforeAll); `ok` also expects a quiet success and returns stdout.
 */
export function cliAgainst(adminUrl: () => string, token: string): { cli(...args: string[]): Promise<CliResult>; ok(...args: string[]): Promise<string> } {
  const cli = (...args: string[]): Promise<CliResult> => runCli([...args, '--admin', adminUrl()], { TURNOUT_TOKEN: token });
  const ok = async (...args: string[]): Promise<string> => {
    const result = await cli(...args);
    if (result.stderr !== '' || result.code !== 0) throw new Error(`turnout ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
    return result.stdout;
  };
  return { cli, ok };
}

export interface ServeWithBackends {
  serve: ServeProcess;
  blue: Backend;
  green: Backend;
  stop(): Promise<void>;
}

/** `turnout serve` on free ports with its database in `dir`, in front of two real backends. */
export async function startServeWithBackends(dir: string, token: string, extraArgs: string[] = []): Promise<ServeWithBackends> {
  const blue = await startBackend('blue');
  const green = await startBackend('green');
  const serve = await startServe(
    ['--db', path.join(dir, 'turnout.db'), '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0', '--backend', `blue=${blue.url}`, '--backend', `green=${green.url}`, ...extraArgs],
    { TURNOUT_TOKEN: token },
  );
  return {
    serve,
    blue,
    green,
    async stop() {
      await serve.stop();
      await blue.close();
      await green.close();
    },
  };
}
