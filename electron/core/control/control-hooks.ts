import type { ContractEventBus } from '../events';
import type { HealthChange } from '../health/health-monitor';
import type { FlowHandlers } from './flow-handlers';
import type { HistoryLog } from './history-log';
import type { LiveHooks } from './live-profile';
import type { StatePublisher } from './state-publisher';

export interface ControlHookDeps {
  events: ContractEventBus;
  state: StatePublisher;
  flow: FlowHandlers;
  /** Read when an event comes: the control service makes its log after its fields, and switches profiles. */
  log: () => HistoryLog;
  profileName: () => string;
  dataDir: () => string;
}

/**
 * What the control service hands the running profile (LiveHooks): each live event becomes a
 * contract event, a state push, or news for the guided update.
 */
export function controlHooks({ events, state, flow, log, profileName, dataDir }: ControlHookDeps): LiveHooks {
  return {
    onLiveChange: () => state.countersMoved(),
    onMetrics: (sample) => {
      events.emit('metrics', sample);
      flow.onMetrics(sample);
    },
    // A health transition changes what every view shows; a verify step waits for exactly this.
    onHealthChange: (change: HealthChange) => {
      log().recordHealth(change, profileName());
      state.push();
      flow.onLiveChange();
    },
    onManagedChange: () => state.push(),
    onManagedLine: (environment, line) => events.emit('environmentLog', { environment, line }),
    dataDir,
    onRequests: (batch) => events.emit('requests', batch),
    wantsRequests: () => events.listening('requests'),
    onShadow: (status) => events.emit('shadow', status),
  };
}
