/**
 * Turnout's real data plane (DataPlane → ProxyServer → forwarder) alone in a process, so the
 * bench can read its CPU time from /proc. Config comes as JSON in argv[2]; the URL goes back
 * over IPC as { url }. TURNOUT_UPSTREAM_CLIENT in the environment picks the forwarder.
 */
import { DataPlane } from '../electron/core/data-plane';

const plane = new DataPlane();
const url = await plane.start('127.0.0.1', 0, JSON.parse(process.argv[2] ?? '[]'));
process.on('message', (message) => {
  if (message === 'stop') void plane.stop().then(() => process.exit(0));
});
if (process.send) process.send({ url });
else console.log(url);
// A signal ends it cleanly too (so `node --cpu-prof` can write its profile on exit).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void plane.stop().then(() => process.exit(0)));
