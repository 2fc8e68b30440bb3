/**
 * What every proxy child of the bench shares: it reports its URL to the parent over IPC as
 * { url } (or prints it when run by hand), and stops cleanly on the parent's 'stop' message
 * or on SIGINT/SIGTERM, so `node --cpu-prof` can write its profile on exit.
 */
export function announce(url: string, stop: () => Promise<void>): void {
  const exit = (): void => void stop().then(() => process.exit(0));
  process.on('message', (message) => {
    if (message === 'stop') exit();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, exit);
  if (process.send) process.send({ url });
  else console.log(url);
}
