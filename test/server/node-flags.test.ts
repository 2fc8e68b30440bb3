import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../../scripts/node-flags.mjs';
import { REPO_ROOT } from '../support/turnout-process';

/** The flags live in three places that cannot share code (a shebang, an npm script, start.mjs's list); a change to one must reach all. */
describe('the V8 flags turnout runs with', () => {
  it('are the same in the bin’s shebang, `npm run serve` and scripts/node-flags.mjs (used by the headless start)', () => {
    const shebang = fs.readFileSync(path.join(REPO_ROOT, 'bin', 'turnout.js'), 'utf8').split('\n')[0]!;
    expect(shebang).toBe(`#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}`);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.serve).toBe(`node ${NODE_FLAGS.join(' ')} bin/turnout.js serve`);
    expect(NODE_FLAGS).toContain('--max-old-space-size=1024');
  });
});
