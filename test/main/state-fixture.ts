import type { FlowView } from '../../shared/contract/flow';
import type { EnvironmentView, TurnoutState } from '../../shared/contract/state';
import { presetsOf } from '../../shared/domain/presets';

/** A TurnoutState for pure tests: blue/green at the given weights, both up, built-in presets plus `userPresets`. */
export function stateOf(options: {
  weights?: Record<string, number>;
  health?: Record<string, EnvironmentView['health']>;
  userPresets?: { name: string; weights: Record<string, number> }[];
  profile?: string;
  profileNames?: string[];
  flow?: FlowView | null;
  listening?: boolean;
  paused?: boolean;
  /** A hold in force with this many requests waiting (the proxy listens and is paused). */
  holding?: number;
} = {}): TurnoutState {
  const weights = options.weights ?? { blue: 50, green: 50 };
  const names = Object.keys(weights);
  const profile = options.profile ?? 'default';
  return {
    revision: 1,
    profile: { name: profile, listen: '127.0.0.1:8800', routing: 'round-robin', demo: false, restoreWeights: null },
    proxy: { url: 'http://127.0.0.1:8800', listening: options.listening ?? (options.holding !== undefined || !options.paused), paused: options.paused ?? options.holding !== undefined },
    pause:
      options.holding !== undefined
        ? { mode: 'hold', since: '2026-01-01T00:00:00.000Z', timeoutMs: 30_000, message: '', held: options.holding, oldestHeldSince: options.holding > 0 ? '2026-01-01T00:00:01.000Z' : null }
        : options.paused
          ? { mode: 'close', since: '2026-01-01T00:00:00.000Z', timeoutMs: 30_000, message: '', held: 0, oldestHeldSince: null }
          : null,
    environments: names.map((name, index) => ({
      name,
      color: index === 0 ? '#2f6fed' : '#1f9d55',
      url: `http://127.0.0.1:${3001 + index}`,
      weight: weights[name]!,
      health: options.health?.[name] ?? 'up',
      lastProbe: options.health?.[name] === 'down' ? { at: 1, ok: false, error: 'ECONNREFUSED', ms: 2 } : null,
      inFlight: 0,
      openWebSockets: 0,
      openStreams: 0,
      requests: 0,
      drained: false,
    })),
    presets: presetsOf({ environments: names.map((name) => ({ name })) as never, presets: options.userPresets ?? [] }),
    profileNames: options.profileNames ?? [profile],
    canUndo: false,
    demo: null,
    flow: options.flow ?? null,
    affinityHint: null,
  };
}

/** A running blue-green update whose active step waits for `wait`. */
export function flowWaiting(wait: NonNullable<FlowView['waitingFor']>['kind'], status: FlowView['status'] = 'running'): FlowView {
  return {
    id: 1000,
    plan: 'blue-green',
    first: 'blue',
    status,
    steps: [
      { kind: 'drain', env: 'blue', weights: { blue: 0, green: 100 }, holdMs: 0, gate: false, state: 'done', label: 'Drain blue' },
      { kind: 'update', env: 'blue', weights: null, holdMs: 0, gate: false, state: 'active', label: 'Update blue' },
    ],
    current: status === 'running' ? 1 : -1,
    waitingFor: status === 'running' ? { kind: wait, env: 'blue', message: 'update blue, then continue', until: null } : null,
    restoreWeights: { blue: 50, green: 50 },
    safeWeights: { blue: 50, green: 50 },
    command: null,
    guard: null,
    startedAt: 1000,
    finishedAt: status === 'running' ? null : 2000,
    reason: status === 'rolled-back' ? 'green error rate 12 % over 1 %' : null,
  };
}
