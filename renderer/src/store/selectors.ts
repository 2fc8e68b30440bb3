import type { EnvironmentView, TurnoutState } from '../../../shared/contract/state';
import type { Weights } from '../../../shared/domain/ratio';
import type { TurnoutStore } from './turnout-store';

/**
 * Selectors for components and actions. The ones that build a new array or object must be
 * used through `useShallow` in components.
 */
const NO_ENVIRONMENTS: readonly EnvironmentView[] = [];

export const selectServer = (s: TurnoutStore): TurnoutState | null => s.server;
export const selectProfileName = (s: TurnoutStore): string | null => s.server?.profile.name ?? null;
export const selectProxyUrl = (s: TurnoutStore): string | null => s.server?.proxy.url || null;
export const selectEnvironments = (s: Pick<TurnoutStore, 'server'>): readonly EnvironmentView[] => s.server?.environments ?? NO_ENVIRONMENTS;
export const selectEnvironmentCount = (s: TurnoutStore): number => selectEnvironments(s).length;

export const selectEnvironment =
  (name: string) =>
  (s: TurnoutStore): EnvironmentView | undefined =>
    selectEnvironments(s).find((env) => env.name === name);

/** Derived array: use with useShallow. */
export const selectEnvironmentNames = (s: TurnoutStore): string[] => selectEnvironments(s).map((env) => env.name);

/** The two environments the slider moves between, or null when there are not exactly two. Derived: useShallow. */
export function selectPair(s: Pick<TurnoutStore, 'server'>): [string, string] | null {
  const envs = selectEnvironments(s);
  return envs.length === 2 ? [envs[0]!.name, envs[1]!.name] : null;
}

/** Derived object: use with useShallow. */
export const selectAppliedWeights = (s: TurnoutStore): Weights => Object.fromEntries(selectEnvironments(s).map((env) => [env.name, env.weight]));

/** The applied weight of the first environment (the slider's scale), for two environments. */
export function selectAppliedValue(s: Pick<TurnoutStore, 'server'>): number | null {
  const envs = selectEnvironments(s);
  return envs.length === 2 ? envs[0]!.weight : null;
}

export const selectSliderValue = (s: TurnoutStore): number | null => s.draft ?? selectAppliedValue(s);
export const selectIsPending = (s: TurnoutStore): boolean => s.draft !== null && s.draft !== selectAppliedValue(s);
export const selectCanApply = (s: TurnoutStore): boolean => selectIsPending(s) && !s.applying && s.connection === 'connected';
export const selectApplying = (s: TurnoutStore): boolean => s.applying;
export const selectApplyError = (s: TurnoutStore): string | null => s.applyError;
export const selectConnection = (s: TurnoutStore): TurnoutStore['connection'] => s.connection;
export const selectConnectionDetail = (s: TurnoutStore): string | null => s.connectionDetail;
