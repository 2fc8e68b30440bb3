import { describe, expect, it } from 'vitest';
import type { FlowWait } from '../../shared/contract/flow';
import { announcements, type AnnounceInput } from '../../renderer/src/features/announce/announcements';

const wait = (kind: FlowWait['kind'], env = 'blue'): FlowWait => ({ kind, env, message: `${env}: 3 in flight`, until: null });
const input = (health: AnnounceInput['health'], w: FlowWait | null = null): AnnounceInput => ({ health, wait: w });

describe('announcements: what a screen reader hears, once', () => {
  it('says nothing for the first state or for a tick that changes nothing it watches', () => {
    const state = input({ blue: 'up', green: 'up' }, wait('drained'));
    expect(announcements(null, state)).toEqual([]);
    expect(announcements(state, { ...state, wait: { ...wait('drained'), message: 'blue: 2 in flight', until: 5 } })).toEqual([]);
  });

  it('tells an environment going down, and coming back, but not a first probe', () => {
    expect(announcements(input({ blue: 'up', green: 'up' }), input({ blue: 'up', green: 'down' }))).toEqual(['Green is down']);
    expect(announcements(input({ green: 'down' }), input({ green: 'up' }))).toEqual(['Green is up again']);
    expect(announcements(input({ green: 'unknown' }), input({ green: 'up' }))).toEqual([]);
    expect(announcements(input({}), input({ green: 'down' }))).toEqual([]);
  });

  it('tells when the update starts waiting for you, once per wait', () => {
    const drained = input({ blue: 'up' }, wait('drained'));
    const user = input({ blue: 'up' }, wait('user'));
    expect(announcements(drained, user)).toEqual(['Update waiting for you: Blue is drained: safe to update']);
    expect(announcements(user, { ...user, wait: { ...wait('user'), message: 'changed' } })).toEqual([]);
    expect(announcements(user, input({ blue: 'up' }, wait('health')))).toEqual([]);
    expect(announcements(input({ blue: 'up' }, wait('hold', 'green')), input({ blue: 'up' }, wait('gate', 'green')))).toEqual(['Update waiting for you: Green held its share: continue when you are happy']);
  });
});
