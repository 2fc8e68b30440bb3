import { describe, expect, it } from 'vitest';
import { readCookie, stickyCookie } from '../../electron/core/balancer/cookies';
import { requestedPin } from '../../electron/core/balancer/pins';
import { createPolicy } from '../../electron/core/balancer/selection-policy';

const up = (...names: string[]) => (name: string) => names.includes(name);
const all = () => true;

describe('sticky policy', () => {
  const envs = [
    { name: 'blue', weight: 0 },
    { name: 'green', weight: 100 },
  ];

  it('keeps a pinned client on its environment at weight 0 while it is up', () => {
    const policy = createPolicy('sticky', envs);
    expect(policy.select(all, 'blue')).toBe('blue');
    expect(policy.select(all, undefined)).toBe('green');
  });

  it('re-chooses by the ratio when the pinned environment is down or unknown', () => {
    const policy = createPolicy('sticky', [
      { name: 'blue', weight: 70 },
      { name: 'green', weight: 30 },
    ]);
    expect(policy.select(up('green'), 'blue')).toBe('green');
    const picks = Array.from({ length: 10 }, () => policy.select(all, 'purple'));
    expect(picks.filter((name) => name === 'blue')).toHaveLength(7);
  });
});

describe('failover policy', () => {
  it('sends everything to the first environment, the next only while the first is down', () => {
    const policy = createPolicy('failover', [
      { name: 'blue', weight: 50 },
      { name: 'green', weight: 50 },
      { name: 'red', weight: 0 },
    ]);
    expect(new Set(Array.from({ length: 20 }, () => policy.select(all, undefined)))).toEqual(new Set(['blue']));
    expect(policy.select(up('green', 'red'), undefined)).toBe('green');
    // A draining (weight 0) environment is the last resort, and better than a 503.
    expect(policy.select(up('red'), undefined)).toBe('red');
    expect(policy.select(up(), undefined)).toBeUndefined();
  });

  it('passes over a draining primary while the backup can serve', () => {
    const policy = createPolicy('failover', [
      { name: 'blue', weight: 0 },
      { name: 'green', weight: 100 },
    ]);
    expect(policy.select(all, undefined)).toBe('green');
    expect(policy.select(up('blue'), undefined)).toBe('blue');
  });
});

describe('tester pins', () => {
  const req = (headers: Record<string, string>, url = '/') => ({ url, headers });

  it('reads the header, then the cookie, then the query parameter', () => {
    expect(requestedPin(req({ 'x-turnout-env': ' Green ' }))).toBe('green');
    expect(requestedPin(req({ cookie: 'a=1; turnout_env=green; b=2' }))).toBe('green');
    expect(requestedPin(req({}, '/page?x=1&turnout-env=green&y=2'))).toBe('green');
    expect(requestedPin(req({ 'x-turnout-env': 'blue', cookie: 'turnout_env=green' }, '/?turnout-env=red'))).toBe('blue');
  });

  it('ignores look-alikes', () => {
    expect(requestedPin(req({ cookie: 'not_turnout_env=green' }))).toBeUndefined();
    expect(requestedPin(req({}, '/?my-turnout-env=green'))).toBeUndefined();
    expect(requestedPin(req({}, '/turnout-env=green'))).toBeUndefined();
    expect(requestedPin(req({}, '/?turnout-env=%E0%A4%A'))).toBeUndefined();
  });
});

describe('cookies', () => {
  it('finds one cookie among many, only at the start of a pair', () => {
    expect(readCookie('x_turnout_sticky=red; turnout_sticky=blue', 'turnout_sticky')).toBe('blue');
    expect(readCookie('turnout_sticky=', 'turnout_sticky')).toBeUndefined();
    expect(readCookie(undefined, 'turnout_sticky')).toBeUndefined();
  });

  it('writes the sticky cookie HttpOnly, site-wide, SameSite=Lax', () => {
    expect(stickyCookie('green')).toBe('turnout_sticky=green; Path=/; HttpOnly; SameSite=Lax');
  });
});
