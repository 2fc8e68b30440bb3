import fs from 'node:fs';
import path from 'node:path';

/**
 * What nginx's processes say about a reload, read from /proc (Linux, where the nginx tests
 * run). `nginx -s reload` only signals the master: it then starts a worker with the new
 * configuration and asks the old ones to quit, and an old worker keeps serving its
 * kept-alive connections until they close. So "the reload is done" is a state of the
 * processes, not a moment after the signal: no signal left pending for the master, and
 * one worker, not shutting down (nginx renames a retiring worker "… is shutting down").
 */
export interface NginxWorkers {
  /** The master has a signal it has not taken yet (a reload still to come). */
  pendingSignal: boolean;
  workers: { pid: number; shuttingDown: boolean }[];
}

/** The master's pid, from the pid file nginx writes beside the config Turnout generated. */
export function nginxMasterPid(configFile: string): number {
  return Number(fs.readFileSync(path.join(path.dirname(configFile), 'nginx.pid'), 'utf8').trim());
}

export function nginxWorkers(masterPid: number): NginxWorkers {
  const status = fs.readFileSync(`/proc/${masterPid}/status`, 'utf8');
  const pending = (field: string): boolean => BigInt(`0x${new RegExp(`^${field}:\\s*([0-9a-f]+)`, 'm').exec(status)![1]}`) !== 0n;
  const children = fs
    .readdirSync(`/proc/${masterPid}/task`)
    .flatMap((task) => read(`/proc/${masterPid}/task/${task}/children`).split(' '))
    .filter((pid) => pid !== '')
    .map(Number);
  return {
    pendingSignal: pending('SigPnd') || pending('ShdPnd'),
    // A worker that exited between the listing and this read is gone: not listed.
    workers: children.flatMap((pid) => {
      const title = read(`/proc/${pid}/cmdline`);
      return title === '' ? [] : [{ pid, shuttingDown: title.includes('shutting down') }];
    }),
  };
}

/** The reload is over: nothing pending, and the one worker left is the new one (worker_processes 1). */
export function onlyNewWorker(masterPid: number): boolean {
  const { pendingSignal, workers } = nginxWorkers(masterPid);
  return !pendingSignal && workers.length === 1 && !workers[0]!.shuttingDown;
}

function read(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
