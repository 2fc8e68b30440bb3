import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type Backend } from '../support/backends';
import { makeTempDir } from '../support/temp-dir';
import { cliAgainst, REPO_ROOT, startServe, type ServeProcess } from '../support/turnout-process';

const TOKEN = 'icu-token';
const GUARD = path.join(REPO_ROOT, 'test', 'support', 'icu-guard.mjs');

/**
 * ICU's collation and number/date format data sit in the node binary and are paged into the
 * process the first time anything formats or collates; `turnout serve` would then hold 5–8 MB
 * more RSS for good (bench/README.md, "serve's memory"). This runs serve through start-up,
 * traffic, a profile change and a status read with every such entry point reporting itself.
 */
describe('turnout serve never loads ICU locale data', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let backends: Backend[];
  let serve: ServeProcess;
  beforeAll(async () => {
    temp = makeTempDir();
    backends = await Promise.all(['blue', 'green'].map((name) => startBackend(name)));
    const args = ['--db', path.join(temp.dir, 'turnout.db'), '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0', ...backends.flatMap((b) => ['--backend', `${b.name}=${b.url}`])];
    serve = await startServe(args, { TURNOUT_TOKEN: TOKEN, NODE_OPTIONS: `--import ${GUARD}` });
  });
  afterAll(async () => {
    await serve?.stop();
    await Promise.all((backends ?? []).map((b) => b.close()));
    temp.cleanup();
  });

  it('through start-up, proxied requests, a profile change and status', async () => {
    for (let i = 0; i < 20; i++) expect((await fetch(serve.proxyUrl)).status).toBe(200);
    const { ok } = cliAgainst(() => serve.adminUrl, TOKEN);
    await ok('profile', 'create', 'Zeta', '--backend', `blue=${backends[0]!.url}`, '--backend', `green=${backends[1]!.url}`);
    await ok('profile', 'create', 'alpha', '--backend', `blue=${backends[0]!.url}`, '--backend', `green=${backends[1]!.url}`);
    await ok('requests', '--limit', '5');
    await ok('status');
    // The state the panel gets names every profile, sorted: case-insensitive, without a collator.
    const state = (await (await fetch(`${serve.adminUrl}/api/v1/getState`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: '{}' })).json()) as { profileNames: string[] };
    expect(state.profileNames).toEqual(['alpha', 'Local', 'Zeta']);
    expect(serve.output()).toContain('Ready.');
    expect(serve.output()).not.toContain('ICU used');
  });
});
