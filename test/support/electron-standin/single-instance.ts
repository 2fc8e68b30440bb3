import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * app.requestSingleInstanceLock, per userData directory, as Chromium does it in spirit: a
 * lock file naming the owner's pid and a local socket; a second process finds a live owner,
 * sends it argv, cwd and additionalData over the socket (the owner emits second-instance)
 * and is refused. Not Chromium's own singleton code: its races and OS quirks are not tested.
 */
const LOCK_FILE = 'standin-singleton.json';

interface Holder {
  pid: number;
  socket: string;
}

export interface Lock {
  release(): void;
}

/** Messages to the owner still being sent; quitting waits for them. */
export const pendingNotices: Promise<void>[] = [];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): Holder | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Holder;
  } catch {
    return undefined;
  }
}

function socketPath(): string {
  return process.platform === 'win32' ? `\\\\.\\pipe\\electron-standin-${process.pid}` : path.join(os.tmpdir(), `electron-standin-${process.pid}.sock`);
}

/** The lock, or undefined when a live process holds it (which has then been told). */
export function requestLock(userData: string, additionalData: unknown, onSecond: (argv: string[], cwd: string, data: unknown) => void): Lock | undefined {
  fs.mkdirSync(userData, { recursive: true });
  const file = path.join(userData, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    const holder = readHolder(file);
    if (holder && alive(holder.pid)) {
      pendingNotices.push(notify(holder.socket, { argv: process.argv, cwd: process.cwd(), data: additionalData ?? null }));
      return undefined;
    }
    if (holder) fs.rmSync(file, { force: true });
    const socket = socketPath();
    if (process.platform !== 'win32') fs.rmSync(socket, { force: true });
    const server = net.createServer((connection) => {
      let text = '';
      connection.on('data', (chunk: Buffer) => (text += chunk.toString()));
      connection.on('end', () => {
        const message = JSON.parse(text) as { argv: string[]; cwd: string; data: unknown };
        onSecond(message.argv, message.cwd, message.data);
      });
    });
    server.listen(socket);
    server.unref();
    // Written whole to a temp file, then linked into place: the link fails if another
    // process got there first, and a reader never sees half a file.
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify({ pid: process.pid, socket } satisfies Holder));
    try {
      fs.linkSync(temp, file);
    } catch (error) {
      server.close();
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      continue;
    } finally {
      fs.rmSync(temp, { force: true });
    }
    return {
      release() {
        server.close();
        fs.rmSync(file, { force: true });
      },
    };
  }
  throw new Error(`stand-in: could not take or read the single-instance lock ${file}`);
}

/** Sends the message; the owner may be a moment from listening, so a refused connection is retried briefly. */
async function notify(socket: string, message: unknown): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await new Promise<void>((resolve, reject) => {
        const connection = net.connect(socket, () => connection.end(JSON.stringify(message)));
        connection.on('close', () => resolve());
        connection.on('error', reject);
      });
      return;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
