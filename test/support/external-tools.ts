import { execFile } from 'node:child_process';
import fs from 'node:fs';

export const HAPROXY = '/usr/sbin/haproxy';
export const NGINX = '/usr/sbin/nginx';
export const hasHaproxy = fs.existsSync(HAPROXY);
export const hasNginx = fs.existsSync(NGINX);

/** Runs a tool to completion (bounded by `timeoutMs`) and returns its exit code and all output. */
export function run(file: string, args: string[], timeoutMs = 10_000): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}
