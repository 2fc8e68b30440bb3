import { describe, expect, it } from 'vitest';
import { notificationsFor } from '../../electron/main/notifications';
import { flowWaiting, stateOf } from './state-fixture';

describe('which changes become native notifications', () => {
  it('announces an environment that went down, with the reason, once', () => {
    const before = stateOf({ weights: { blue: 70, green: 30 } });
    const after = stateOf({ weights: { blue: 70, green: 30 }, health: { green: 'down' } });
    expect(notificationsFor(before, after)).toEqual([
      {
        key: 'down:default:green',
        title: 'green is down',
        body: 'green (http://127.0.0.1:3002) failed its health check: ECONNREFUSED. Its share of traffic goes to the healthy environments.',
      },
    ]);
    expect(notificationsFor(after, after)).toEqual([]);
  });

  it('announces a first probe that fails (unknown -> down) but not the first state or a profile switch', () => {
    const unknown = stateOf({ health: { blue: 'unknown', green: 'unknown' } });
    const down = stateOf({ health: { blue: 'down' } });
    expect(notificationsFor(unknown, down).map((note) => note.title)).toEqual(['blue is down']);
    expect(notificationsFor(undefined, down)).toEqual([]);
    expect(notificationsFor(stateOf({ profile: 'other' }), down)).toEqual([]);
  });

  it('says nothing about recoveries or weight changes', () => {
    expect(notificationsFor(stateOf({ health: { blue: 'down' } }), stateOf())).toEqual([]);
    expect(notificationsFor(stateOf(), stateOf({ weights: { blue: 0, green: 100 } }))).toEqual([]);
  });

  it('announces an update that rolled back or failed, once, and not one that finished', () => {
    const running = stateOf({ flow: flowWaiting('hold') });
    const rolledBack = stateOf({ flow: flowWaiting('hold', 'rolled-back') });
    expect(notificationsFor(running, rolledBack)).toEqual([
      { key: 'update:1000', title: 'Update rolled back', body: 'green error rate 12 % over 1 %. Traffic is back at 50 … 50.' },
    ]);
    expect(notificationsFor(rolledBack, rolledBack)).toEqual([]);
    expect(notificationsFor(running, stateOf({ flow: flowWaiting('hold', 'failed') })).map((note) => note.title)).toEqual(['Update failed']);
    expect(notificationsFor(running, stateOf({ flow: flowWaiting('hold', 'done') }))).toEqual([]);
    // A different run (another id) that is already over was not seen running: no notice.
    expect(notificationsFor(running, stateOf({ flow: { ...flowWaiting('hold', 'rolled-back'), id: 2000 } }))).toEqual([]);
  });
});
