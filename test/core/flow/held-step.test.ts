import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowView } from '../../../shared/contract/flow';
import { methods, type MethodArgs } from '../../../shared/contract/methods';
import { startControl } from '../../support/control-fixture';
import { eventually, FAST_HEALTH } from '../../support/data-plane';
import { makeTempDir } from '../../support/temp-dir';

/**
 * The held step end to end in one process: a real control service, SQLite store and proxy
 * in front of two Express apps, 16 closed-loop keep-alive clients the whole time, and a
 * "migration" that is a real process (node, sleeping 2 s, writing its start and end to a file).
 */

interface TimedApp {
  url: string;
  /** When each client request (health probes aside) reached the app. */
  hits: number[];
  close(): Promise<void>;
}

async function expressApp(name: string): Promise<TimedApp> {
  const hits: number[] = [];
  const app = express();
  app.get('/health', (_req, res) => void res.send('ok'));
  app.use((_req, res) => {
    hits.push(Date.now());
    res.type('text/plain').send(name);
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

interface Outcome {
  sent: number;
  answered: number;
  status: number | string;
  servedBy: string;
}

/** `concurrency` clients, each sending its next GET once the last is answered, until stop(). */
function closedLoop(url: string, concurrency: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const outcomes: Outcome[] = [];
  let stopped = false;
  const one = () =>
    new Promise<void>((resolve) => {
      const sent = Date.now();
      const done = (status: number | string, servedBy = '') => {
        outcomes.push({ sent, answered: Date.now(), status, servedBy });
        resolve();
      };
      http
        .get(url, { agent }, (res) => {
          // A failure keeps the start of its body: it says which part answered it.
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body = res.statusCode === 200 ? '' : (body + chunk).slice(0, 200)));
          res.on('end', () => done(res.statusCode === 200 ? 200 : `${res.statusCode} ${body}`, String(res.headers['x-served-by'])));
          res.on('error', (error) => done(error.message));
        })
        .on('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
    });
  const clients = Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!stopped) await one();
    }),
  );
  return {
    outcomes,
    async stop() {
      stopped = true;
      await clients;
      agent.destroy();
      return outcomes;
    },
  };
}

describe('the held step of a guided update, under 16 closed-loop clients', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup.length = 0;
  });

  /** `workers` 2: the proxy runs in worker processes, where the hold travels to each by message. */
  async function setup(workers = 1) {
    const temp = makeTempDir();
    const blue = await expressApp('blue');
    const green = await expressApp('green');
    const { control, url, stop } = await startControl(temp.dir, { blue: blue.url, green: green.url }, {
      name: 'Held',
      // Probes that tolerate a slow answer: 16 clients and proxy workers on two shared cores can
      // delay one past 500 ms, and a side marked down while the other is drained is a 503 that
      // has nothing to do with the hold.
      health: { ...FAST_HEALTH, timeoutMs: 2000, fall: 3, path: '/health' },
      ...(workers > 1 ? { extra: { dataPlane: { kind: 'embedded' as const, workers } } } : {}),
    });
    cleanup.push(temp.cleanup, stop, blue.close, green.close);
    const call = {
      start: (args: MethodArgs<'updateStart'>) => control.updateStart(methods.updateStart.input.parse(args), { source: 'cli' }),
      next: () => control.updateNext({ manual: false }, { source: 'cli' }),
      view: async () => (await control.getUpdate({}, { source: 'cli' }))!,
    };
    const waitFor = async (check: (view: FlowView) => boolean, ms = 15_000) => {
      expect(await eventually(async () => check(await call.view()), ms, 20), JSON.stringify(await call.view(), null, 1)).toBe(true);
    };
    /** A migration-like step: a real process that writes when it started, sleeps, writes when it ended, and exits with `code`. */
    const migration = (sleepMs: number, code: number) => {
      const script = path.join(temp.dir, 'migrate.cjs');
      const marks = path.join(temp.dir, 'marks.json');
      writeFileSync(
        script,
        `const fs = require('node:fs');
const start = Date.now();
fs.writeFileSync(${JSON.stringify(marks)}, JSON.stringify({ start }));
setTimeout(() => {
  fs.writeFileSync(${JSON.stringify(marks)}, JSON.stringify({ start, end: Date.now() }));
  console.log('migrated');
  process.exit(${code});
}, ${sleepMs});`,
      );
      return { command: `"${process.execPath}" "${script}"`, marks: () => JSON.parse(readFileSync(marks, 'utf8')) as { start: number; end?: number } };
    };
    return { control, url, blue, green, call, waitFor, migration };
  }

  it.each([1, 2])('runs the command with nothing reaching either app, then answers every held request after the swap: 0 failed (%i proxy process(es))', async (workers) => {
    const { control, url, blue, green, call, waitFor, migration } = await setup(workers);
    const step = migration(2000, 0);
    const load = closedLoop(url, 16);
    await eventually(() => load.outcomes.length > 50, 10_000, 10);

    await call.start({ first: 'blue', heldStep: { command: step.command, timeoutMs: 20_000 } });
    await waitFor((view) => view.waitingFor?.kind === 'user' && view.waitingFor.env === 'blue');
    await call.next();
    // While the command runs, the flow view shows the held requests (every client waits).
    await waitFor((view) => view.waitingFor?.kind === 'held' && view.waitingFor.held?.phase === 'running' && view.waitingFor.held.requests >= 16);
    expect((await call.view()).waitingFor?.message).toMatch(/^holding \d+ requests while ".*migrate\.cjs"" runs$/);
    expect((await control.getState()).pause).toMatchObject({ mode: 'hold' });
    await waitFor((view) => view.steps.find((s) => s.kind === 'held')?.state === 'done');
    await waitFor((view) => view.waitingFor?.kind === 'user' && view.waitingFor.env === 'green');
    const outcomes = await load.stop();

    const { start, end } = step.marks();
    expect(end! - start).toBeGreaterThanOrEqual(2000);
    // The command ran while no request reached either app (health probes aside).
    expect([...blue.hits, ...green.hits].filter((at) => at >= start && at <= end!)).toEqual([]);
    expect(outcomes.filter((o) => o.status !== 200).slice(0, 3)).toEqual([]);
    // Every client had a request out when the command started: each waited through it and was
    // answered after it, by blue (the swap came before the release).
    const held = outcomes.filter((o) => o.sent <= start && o.answered >= start);
    expect(held.length).toBe(16);
    expect(held.every((o) => o.answered >= end! && o.answered - o.sent >= 2000 && o.servedBy === 'blue')).toBe(true);
    expect((await control.getState()).pause).toBeNull();

    const history = (await control.getHistory({ limit: 100 })).entries.reverse();
    const actions = history.filter((e) => e.kind === 'flow' || e.action === 'pause' || e.action === 'resume').map((e) => `${e.source} ${e.action}`);
    // History tells the story: the flow paused (hold), the held step ended, the swap came, then the resume.
    const at = (action: string) => actions.indexOf(action);
    expect(actions.filter((action) => /pause|resume/.test(action))).toEqual(['auto pause', 'auto resume']);
    expect([at('auto verify blue') < at('auto pause'), at('auto pause') < at('auto held'), at('auto held') < at('auto swap'), at('auto swap') < at('auto resume')]).toEqual([true, true, true, true]);
    expect(history.find((e) => e.action === 'held')?.after).toMatch(/exited 0 with traffic held \(\d+ requests waiting, released now\)$/);
    await call.next();
    await waitFor((view) => view.status === 'done');
  }, 60_000);

  it('a failing command ends the update at the safe ratio and the held requests go there: 0 failed', async () => {
    const { control, url, green, call, waitFor, migration } = await setup();
    const step = migration(800, 3);
    const load = closedLoop(url, 16);
    await eventually(() => load.outcomes.length > 50, 10_000, 10);

    await call.start({ first: 'blue', heldStep: { command: step.command } });
    await waitFor((view) => view.waitingFor?.kind === 'user');
    await call.next();
    await waitFor((view) => view.status !== 'running');
    const view = await call.view();
    expect([view.status, view.reason]).toEqual(['failed', `the held step's command "${step.command}" exited with 3`]);
    expect(view.command).toMatchObject({ running: false, exitCode: 3, output: ['migrated'] });
    await eventually(async () => (await control.getState()).pause === null, 5000, 20);
    const afterRelease = green.hits.length;
    await eventually(() => green.hits.length > afterRelease + 50, 10_000, 10);
    const outcomes = await load.stop();

    expect((await control.getState()).environments.map((env) => [env.name, env.weight])).toEqual([['blue', 0], ['green', 100]]);
    expect(outcomes.filter((o) => o.status !== 200).slice(0, 3)).toEqual([]);
    const { start, end } = step.marks();
    const held = outcomes.filter((o) => o.sent <= start && o.answered >= start);
    expect(held.length).toBe(16);
    expect(held.every((o) => o.answered >= end! && o.servedBy === 'green')).toBe(true);
  }, 60_000);
});
