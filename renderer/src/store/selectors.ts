import type { DemoEnvironmentView, DemoLoadView, DemoView } from '../../../shared/contract/demo';
import type { FlowView } from '../../../shared/contract/flow';
import type { EnvironmentMetrics, MetricsSample } from '../../../shared/contract/metrics';
import type { EnvironmentView, TurnoutState } from '../../../shared/contract/state';
import type { DataPlaneKind } from '../../../shared/domain/data-plane-mode';
import type { PresetView } from '../../../shared/domain/presets';
import type { Weights } from '../../../shared/domain/ratio';
import type { FlowNoticeItem } from './flow-slice';
import type { TurnoutStore } from './turnout-store';

/**
 * Selectors for components and actions. The ones that build a new array or object must be
 * used through `useShallow` in components.
 */
const NO_ENVIRONMENTS: readonly EnvironmentView[] = [];

export const selectServer = (s: TurnoutStore): TurnoutState | null => s.server;
export const selectProfileName = (s: TurnoutStore): string | null => s.server?.profile.name ?? null;
export const selectProxyUrl = (s: TurnoutStore): string | null => s.server?.proxy.url || null;
export const selectProxyPaused = (s: TurnoutStore): boolean => s.server?.proxy.paused ?? false;
/** Why the traffic needs affinity, when seen under round robin (TurnoutState.affinityHint). */
export const selectAffinityHint = (s: TurnoutStore): string | null => s.server?.affinityHint ?? null;
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

export const selectRouting = (s: TurnoutStore): string | null => s.server?.profile.routing ?? null;
export const selectIsDemo = (s: TurnoutStore): boolean => s.server?.profile.demo ?? false;
export const selectCanUndo = (s: TurnoutStore): boolean => s.server?.canUndo ?? false;
export const selectPresets = (s: TurnoutStore): readonly PresetView[] => s.server?.presets ?? NO_PRESETS;
const NO_PRESETS: readonly PresetView[] = [];

export const selectLatestSample = (s: TurnoutStore): MetricsSample | null => s.samples[s.samples.length - 1] ?? null;

/** The latest one-second figures of one environment, or null before the first sample. */
export const selectEnvMetrics =
  (name: string) =>
  (s: TurnoutStore): EnvironmentMetrics | null =>
    selectLatestSample(s)?.environments[name] ?? null;

/** Requests per second of one environment over the last `count` samples. Derived: useShallow. */
export const selectRpsSeries =
  (name: string, count: number) =>
  (s: TurnoutStore): number[] =>
    s.samples.slice(-count).map((sample) => sample.environments[name]?.rps ?? 0);

export const selectFlow = (s: TurnoutStore): FlowView | null => s.server?.flow ?? null;
export const selectFlowRunning = (s: TurnoutStore): boolean => s.server?.flow?.status === 'running';
export const selectFlowNotices = (s: TurnoutStore): readonly FlowNoticeItem[] => s.flowNotices;

export const selectDemo = (s: TurnoutStore): DemoView | null => s.server?.demo ?? null;
export const selectDemoLoad = (s: TurnoutStore): DemoLoadView | null => s.server?.demo?.load ?? null;
export const selectDemoApp =
  (name: string) =>
  (s: TurnoutStore): DemoEnvironmentView | undefined =>
    s.server?.demo?.environments.find((app) => app.name === name);
/** Derived array: use with useShallow. */
export const selectDemoAppNames = (s: TurnoutStore): string[] => s.server?.demo?.environments.map((app) => app.name) ?? [];

/** Which engine carries the traffic (older cores send none: the embedded proxy). */
export const selectDataPlaneKind = (s: TurnoutStore): DataPlaneKind => s.server?.profile.dataPlane?.kind ?? 'embedded';
/** A problem steering the engine now (an attached HAProxy out of reach) before what choosing it costs. */
export const selectDataPlaneWarning = (s: TurnoutStore): string | null => s.server?.profile.dataPlane?.problem ?? s.server?.profile.dataPlane?.warning ?? null;
/** Proxy worker processes behind the listen address (1: the proxy runs inside Turnout). */
export const selectDataPlaneWorkers = (s: TurnoutStore): number => s.server?.profile.dataPlane?.workers ?? 1;
