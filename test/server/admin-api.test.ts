import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningTurnout } from '../../electron/server/app';
import { createHttpClient, methodPath, type FetchLike } from '../../shared/contract/http';
import { servedBy, tally } from '../support/backends';
import { startTurnoutFixture, type TurnoutFixture } from '../support/turnout-fixture';

const TOKEN = 'test-token-123';

describe('admin API over real HTTP', () => {
  let fixture: TurnoutFixture;
  let turnout: RunningTurnout;
  let proxyUrl: string;

  const call = (method: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> => fixture.call(method, body, headers);

  beforeAll(async () => {
    fixture = await startTurnoutFixture({ token: TOKEN });
    ({ turnout, proxyUrl } = fixture);
  });

  afterAll(() => fixture.stop());

  it('moves real traffic through the typed client', async () => {
    const client = createHttpClient({ baseUrl: turnout.adminUrl, token: TOKEN, fetch: fetch as unknown as FetchLike });
    const state = await client.setRatio({ weights: { blue: 20, green: 80 } });
    expect(state.environments.map((env) => env.weight)).toEqual([20, 80]);
    expect(tally(await servedBy(proxyUrl, 10))).toEqual({ blue: 2, green: 8 });
  });

  it.each([
    ['no token', {}, 401],
    ['a wrong token', { authorization: 'Bearer nope' }, 401],
  ])('refuses a call with %s', async (_label, headers, status) => {
    const response = await fetch(`${turnout.adminUrl}${methodPath('getState')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: '{}',
    });
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const { status } = await new Promise<{ status: number }>((resolve, reject) => {
      import('node:http').then(({ default: http }) => {
        const url = new URL(`${turnout.adminUrl}/api/v1/getState`);
        const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { host: 'evil.example', authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } }, (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0 });
        });
        req.on('error', reject);
        req.end('{}');
      }, reject);
    });
    expect(status).toBe(403);
  });

  it.each([
    ['weights that do not sum to 100', { weights: { blue: 60, green: 30 } }, /sum to 100/],
    ['an unknown environment', { weights: { blue: 50, red: 50 } }, /unknown environment "red"/],
    ['a weight out of range', { weights: { blue: 150, green: -50 } }, /between 0 and 100/],
    ['a fractional weight', { weights: { blue: 50.5, green: 49.5 } }, /whole number/],
    ['extra fields', { weights: { blue: 50, green: 50 }, force: true }, /force/],
    ['not JSON', '{"weights":', /not valid JSON/],
  ])('refuses %s with 400 and changes nothing', async (_label, body, message) => {
    const before = await (await call('getState', {})).json();
    const response = await call('setRatio', body);
    expect(response.status).toBe(400);
    const error = (await response.json()) as { error: { code: string; message: string } };
    expect(error.error.code).toBe('INVALID_INPUT');
    expect(error.error.message).toMatch(message);
    const after = (await (await call('getState', {})).json()) as typeof before;
    expect(after.environments).toEqual(before.environments.map((env: object) => ({ ...env, inFlight: 0, requests: expect.any(Number) })));
  });

  it('refuses a body that is not application/json (no cross-site form posts)', async () => {
    const response = await call('setRatio', 'weights=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(400);
  });

  it('answers an unknown method with 404', async () => {
    const response = await call('dropTables', {});
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'UNKNOWN_METHOD' } });
  });

  it('streams a state event to a logged-in browser session when the ratio changes', async () => {
    const login = await fetch(`${turnout.adminUrl}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: TOKEN }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const controller = new AbortController();
    const events = await fetch(`${turnout.adminUrl}/api/v1/events`, { headers: { cookie }, signal: controller.signal });
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    const reader = events.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    text += decoder.decode((await reader.read()).value);
    expect(text).toMatch(/^event: state\ndata: \{/);
    await call('setRatio', { weights: { blue: 90, green: 10 } });
    while (!text.includes('"weight":90')) text += decoder.decode((await reader.read()).value);
    controller.abort();
  });

  it('refuses a wrong token at login', async () => {
    const login = await fetch(`${turnout.adminUrl}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'guess' }) });
    expect(login.status).toBe(401);
    expect(login.headers.get('set-cookie')).toBeNull();
  });
});
