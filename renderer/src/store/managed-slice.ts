import type { EnvironmentLogEvent, ManagedView } from '../../../shared/contract/managed';
import type { AdoptResult } from '../../../shared/contract/adopt-methods';
import type { MethodArgs, MethodResults, Unsubscribe } from '../../../shared/contract/methods';
import type { PanelBridge } from '../bridge/panel-bridge';
import type { SliceCreator } from './turnout-store';

/**
 * The environments Turnout runs itself: their logs and restarts. Their state comes with every
 * state event (`server.managed`); a log view asks for the last lines once, then follows the
 * `environmentLog` event while it is open.
 */
export interface ManagedSlice {
  environmentLogs(environment: string, limit: number): Promise<MethodResults['environmentLogs']>;
  restartEnvironment(environment: string, confirm: boolean): Promise<ManagedView>;
  onEnvironmentLog(listener: (event: EnvironmentLogEvent) => void): Unsubscribe;
  /** Puts Turnout in front of an app already serving (the adopt wizard); throws its one-line error. */
  adopt(input: MethodArgs<'adopt'>): Promise<AdoptResult>;
}

export const createManagedSlice =
  (bridge: PanelBridge): SliceCreator<ManagedSlice> =>
  () => ({
    environmentLogs: (environment, limit) => bridge.environmentLogs({ environment, limit }),
    restartEnvironment: (environment, confirm) => bridge.environmentRestart({ environment, confirm }),
    onEnvironmentLog: (listener) => bridge.on('environmentLog', listener),
    adopt: (input) => bridge.adopt(input),
  });
