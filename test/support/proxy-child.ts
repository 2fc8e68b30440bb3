/**
 * A data plane alone in its own process, so a test can measure its memory without the
 * test's clients and backends in the same heap. Config comes as JSON in argv[2]; it
 * reports its URL, then answers "peak" with the highest RSS seen since the last "reset".
 */
import { DataPlane } from '../../electron/core/data-plane';

const plane = new DataPlane();
const url = await plane.start('127.0.0.1', 0, JSON.parse(process.argv[2] ?? '[]'));
let peak = process.memoryUsage().rss;
setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
process.on('message', (message) => {
  if (message === 'reset') {
    peak = process.memoryUsage().rss;
    process.send?.({ baseline: peak });
  } else if (message === 'peak') {
    process.send?.({ peak: Math.max(peak, process.memoryUsage().rss) });
  } else if (message === 'stop') {
    void plane.stop().then(() => process.exit(0));
  }
});
process.send?.({ url });
