import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

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
      const proxyUrl = /^Proxy\s+(http:\/\/\S+)/m.exec(output)?.[1] ?? '';
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
