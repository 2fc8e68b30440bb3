import { availableParallelism } from 'node:os';
import type { FlowView } from '../../../shared/contract/flow';
import type { PauseView, TurnoutState } from '../../../shared/contract/state';
import { dataPlaneWarning } from '../../../shared/domain/data-plane-mode';
import { workersOf } from '../../../shared/domain/data-plane-workers';
import { presetsOf } from '../../../shared/domain/presets';
import type { Profile } from '../../../shared/domain/profile';
import type { LiveProfile } from './live-profile';

export interface SnapshotParts {
  revision: number;
  profile: Profile;
  live: LiveProfile | undefined;
  /** Read from the store on configuration changes only, not on every counter push. */
  cached: { profileNames: string[]; canUndo: boolean };
  flow: FlowView | null;
  /** The pause in force (control/pause.ts); absent: none. */
  pause?: PauseView | null;
}

/** The state every view sees: the active profile's configuration plus live status. */
export function buildSnapshot({ revision, profile, live, cached, flow, pause = null }: SnapshotParts): TurnoutState {
  const { name, listen, routing, demo, restoreWeights, dataPlane } = profile;
  return {
    revision,
    profile: { name, listen, routing, demo, restoreWeights, dataPlane: { kind: dataPlane.kind, warning: dataPlaneWarning(dataPlane), workers: workersOf(dataPlane, availableParallelism()), problem: live?.planeProblem ?? null } },
    proxy: { url: live?.proxyUrl ?? '', listening: live?.listening ?? false, paused: pause !== null || (live?.paused ?? false) },
    pause,
    environments: profile.environments.map((env) => ({
      name: env.name,
      color: env.color,
      url: live?.urlOf(env.name) ?? env.url,
      weight: env.weight,
      ...(live?.status(env.name) ?? { health: 'unknown', lastProbe: null, inFlight: 0, openWebSockets: 0, openStreams: 0, requests: 0, drained: false }),
    })),
    presets: presetsOf(profile),
    ...cached,
    demo: live?.demo?.view() ?? null,
    managed: live?.managed.views() ?? [],
    flow,
    affinityHint: live?.affinityHint ?? null,
  };
}
