// `npx turnout` looks in node_modules/.bin, where npm links the bins of dependencies but
// never the root package's own. Link ours there on install so `npx turnout …` works in a
// fresh clone right after `npm ci`.
import fs from 'node:fs';
import path from 'node:path';

const binDir = path.join('node_modules', '.bin');
const link = path.join(binDir, 'turnout');
fs.mkdirSync(binDir, { recursive: true });
fs.rmSync(link, { force: true });
fs.symlinkSync(path.join('..', '..', 'bin', 'turnout.js'), link);
