import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { Router } from '../../../electron/core/balancer/router';

const request = (headers: Record<string, string> = {}, url = '/') => ({ headers, url }) as unknown as IncomingMessage;

describe('Router.reasonFor: why a request went where it went', () => {
  it('names failover only when the pick is not the primary', () => {
    const down = new Set<string>();
    const router = new Router({ isUp: (name) => !down.has(name) });
    router.configure('failover', [
      { name: 'blue', weight: 100 },
      { name: 'green', weight: 0 },
    ]);
    expect(router.reasonFor(request(), router.route(request())!)).toBe('ratio');
    down.add('blue');
    const chosen = router.route(request())!;
    expect([chosen, router.reasonFor(request(), chosen)]).toEqual(['green', 'failover']);
  });

  it('names a pin before anything else, and a sticky cookie only when it was honoured', () => {
    const router = new Router({ isUp: () => true });
    router.configure('sticky', [
      { name: 'blue', weight: 50 },
      { name: 'green', weight: 50 },
    ]);
    expect(router.reasonFor(request({ 'x-turnout-env': 'green', cookie: 'turnout_sticky=green' }), 'green')).toBe('pin');
    expect(router.reasonFor(request({ cookie: 'turnout_sticky=green' }), 'green')).toBe('sticky');
    expect(router.reasonFor(request({ cookie: 'turnout_sticky=blue' }), 'green')).toBe('ratio');
    router.closeSessions(['green']);
    expect(router.reasonFor(request({ cookie: 'turnout_sticky=green' }), 'green')).toBe('ratio');
  });
});
