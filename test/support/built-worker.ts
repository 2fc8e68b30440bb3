import { fork } from 'node:child_process';

/** Starts a built proxy worker under plain Node and resolves with its first message (a ready worker says `{ type: 'ready' }`); stops it after. */
export async function firstMessageOfBuiltWorker(file: string): Promise<unknown> {
  const worker = fork(file, [JSON.stringify({ index: 0, of: 1 })], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [] });
  let stderr = '';
  worker.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  try {
    return await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('exit', (code) => reject(new Error(`the built worker exited with ${code}: ${stderr}`)));
    });
  } finally {
    worker.kill();
  }
}
