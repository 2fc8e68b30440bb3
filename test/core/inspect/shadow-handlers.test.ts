import { describe, expect, it } from 'vitest';
import type { ContractError } from '../../../shared/contract/errors';
import { INSPECT_DEFAULTS } from '../../../shared/domain/inspect-settings';
import { Inspector } from '../../../electron/core/inspect/inspector';
import { shadowStart, shadowStatus, shadowStop } from '../../../electron/core/control/shadow-handlers';

/** The contract handlers' refusals: one clear line, and the shadow stays off. */
describe('shadow handlers', () => {
  const live = (inspector: Inspector | undefined) => ({ inspector, environmentUrl: (name: string) => (name === 'green' ? 'http://127.0.0.1:9' : undefined) });

  it('refuses without recording, without the embedded proxy, or for an unknown environment', () => {
    const inspector = new Inspector();
    inspector.configure({ ...INSPECT_DEFAULTS, enabled: false });
    const refusal = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return [(error as ContractError).code, (error as Error).message];
      }
      return null;
    };
    expect(refusal(() => shadowStart(live(inspector), { environment: 'green', percent: 10 }))).toEqual(['CONFLICT', 'shadow copies are taken from request records: turn recording on (turnout profile edit NAME --record on)']);
    expect(refusal(() => shadowStart(live(undefined), { environment: 'green', percent: 10 }))?.[0]).toBe('CONFLICT');
    inspector.configure(INSPECT_DEFAULTS);
    expect(refusal(() => shadowStart(live(inspector), { environment: 'purple', percent: 10 }))).toEqual(['NOT_FOUND', 'no environment "purple" in the running profile']);
    expect(shadowStatus(live(inspector))).toMatchObject({ active: false, environment: null });
    expect(shadowStart(live(inspector), { environment: 'green', percent: 10 })).toMatchObject({ active: true, environment: 'green', percent: 10 });
    expect(shadowStop(live(inspector))).toMatchObject({ active: false, environment: 'green' });
    expect(shadowStop(live(undefined))).toMatchObject({ active: false, environment: null, routes: [] });
  });
});
