import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_NOTICE_LIMIT } from '../../renderer/src/store/flow-slice';
import { selectFlow, selectFlowNotices } from '../../renderer/src/store/selectors';
import { connectStore, startLiveTurnout, until, type ConnectedStore, type LiveTurnout } from './live-turnout';

/** The flow slice against a live Turnout: real flow, real notices over the real event stream. */
describe('renderer store: update flow and notices (HTTP bridge, real sockets)', () => {
  let turnout: LiveTurnout;
  let view: ConnectedStore;

  beforeAll(async () => {
    turnout = await startLiveTurnout();
    view = connectStore(turnout.running.adminUrl, turnout.token);
    await until(view.store, (s) => s.connection === 'connected' && s.server !== null);
  });
  afterAll(async () => {
    view?.disconnect();
    await turnout?.stop();
  });

  it('starts, shows the wait, aborts, and keeps the flow notices as a bounded, dismissable ring', async () => {
    const { store } = view;
    expect(await store.getState().startUpdate({ first: 'blue' })).toBe(true);
    await until(store, (s) => selectFlow(s)?.waitingFor?.kind === 'user');
    // A second start is refused by the core and said so, without a second flow.
    expect(await store.getState().startUpdate({ first: 'green' })).toBe(false);
    expect(store.getState().flowError).toMatchObject({ command: 'start', message: expect.stringMatching(/already running/) });

    expect(await store.getState().abortUpdate()).toBe(true);
    const aborted = await until(store, (s) => selectFlowNotices(s).length === 1 && selectFlow(s)?.status === 'aborted');
    expect(selectFlowNotices(aborted)[0]).toMatchObject({ level: 'info', message: 'Update aborted: aborted in the window' });
    // Blue's update step had begun: the safe ratio keeps it at 0.
    expect(aborted.server!.environments.map((env) => env.weight)).toEqual([0, 100]);

    for (let run = 0; run < FLOW_NOTICE_LIMIT + 1; run++) {
      await turnout.cli.updateStart({ first: 'green' });
      await turnout.cli.updateAbort({ reason: `run ${run}` });
    }
    const full = await until(store, (s) => selectFlowNotices(s).at(-1)?.message === `Update aborted: run ${FLOW_NOTICE_LIMIT}`);
    const notices = selectFlowNotices(full);
    expect(notices).toHaveLength(FLOW_NOTICE_LIMIT);
    expect(new Set(notices.map((notice) => notice.id)).size).toBe(FLOW_NOTICE_LIMIT);
    store.getState().dismissFlowNotice(notices[0]!.id);
    expect(selectFlowNotices(store.getState()).map((notice) => notice.id)).toEqual(notices.slice(1).map((notice) => notice.id));
  });
});
