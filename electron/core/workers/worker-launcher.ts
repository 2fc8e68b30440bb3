import { fork, type ChildProcess, type ForkOptions } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkerBoot } from '../../../shared/contract/workers';

/**
 * Forks one proxy worker. From source (`turnout serve`, tests) the worker is the .ts file
 * beside this one, run through tsx, which is located from here rather than the working
 * directory so `turnout` works from anywhere. In a build (electron-vite writes
 * out/main/proxy-worker.js next to the main bundle) it is that file, run by the same
 * executable; ELECTRON_RUN_AS_NODE makes the Electron binary a plain Node for it.
 */
export function launchWorker(boot: WorkerBoot): ChildProcess {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const built = path.join(here, 'proxy-worker.js');
  const options: ForkOptions = { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'json' };
  if (fs.existsSync(built)) {
    return fork(built, [JSON.stringify(boot)], { ...options, execPath: process.execPath, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  }
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return fork(path.join(here, 'proxy-worker.ts'), [JSON.stringify(boot)], { ...options, execArgv: ['--import', tsx] });
}
