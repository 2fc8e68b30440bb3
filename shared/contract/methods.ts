import { z } from 'zod';
import { weightSchema } from '../domain/environment';
import type { PresetView } from '../domain/presets';
import { newProfileNameSchema, newProfileSchema } from '../domain/new-profile';
import { presetNameSchema, profileNameSchema, weightsSchema, type Profile, type RoutingMethod } from '../domain/profile';
import { profileFileSchema, type ProfileFile } from '../domain/profile-file';
import type { Weights } from '../domain/ratio';
import { demoMethods, type DemoMethodResults } from './demo-methods';
import { exportMethods, type ExportMethodResults } from './export-methods';
import { FLOW_EVENT_NAMES, flowMethods, type FlowEvents, type FlowMethodResults } from './flow-methods';
import { healthMethods, type HealthMethodResults } from './health-methods';
import type { EnvironmentLogEvent } from './managed';
import { MANAGED_EVENT_NAMES, managedMethods, type ManagedMethodResults } from './managed-methods';
import { adoptMethods, type AdoptMethodResults } from './adopt-methods';
import type { RequestRecord } from './inspect';
import { inspectMethods, type InspectMethodResults } from './inspect-methods';
import { replayMethods, type ReplayMethodResults } from './replay-methods';
import { tlsMethods, type TlsMethodResults } from './tls-methods';
import { SHADOW_EVENT_NAMES, shadowMethods, type ShadowMethodResults } from './shadow-methods';
import type { ShadowStatus } from './shadow';
import { proxyMethods, type ProxyMethodResults } from './proxy-methods';
import { HISTORY_KINDS, type HistoryEntry, type HistoryPage } from './history';
import { METHOD_NAMES } from './method-names';
import { METRICS_HISTORY_SECONDS, type MetricsSample } from './metrics';
import type { ChangeSource, TurnoutState } from './state';

const empty = z.object({}).strict();
const named = z.object({ name: profileNameSchema }).strict();

/**
 * The one API. Every transport (Electron IPC, the admin HTTP API, the CLI) serves exactly
 * these methods, validating input with these schemas before a handler sees it.
 * Preset methods act on the active profile: that is the one whose traffic they move.
 */
export const methods = {
  getState: { input: empty },
  setRatio: { input: z.object({ weights: z.record(z.string(), weightSchema) }).strict() },
  undo: { input: empty },

  listProfiles: { input: empty },
  /** No name: the active profile. */
  getProfile: { input: z.object({ name: profileNameSchema.optional() }).strict() },
  createProfile: { input: z.object({ profile: newProfileSchema }).strict() },
  /** Replaces the named profile (a different `profile.name` renames it); the active one is re-applied at once. */
  updateProfile: { input: z.object({ name: profileNameSchema, profile: newProfileSchema }).strict() },
  deleteProfile: { input: named },
  duplicateProfile: { input: z.object({ name: profileNameSchema, newName: newProfileNameSchema }).strict() },
  /** Makes the named profile active; a new listen address is bound before the old one closes. */
  switchProfile: { input: named },
  /** No names: every profile. */
  exportProfiles: { input: z.object({ names: z.array(profileNameSchema).optional() }).strict() },
  /** All or nothing; a name that exists is refused unless `overwrite` (never the active profile). */
  importProfiles: { input: z.object({ file: profileFileSchema, overwrite: z.boolean().default(false) }).strict() },

  listPresets: { input: z.object({ profile: profileNameSchema.optional() }).strict() },
  applyPreset: { input: z.object({ name: z.string().min(1) }).strict() },
  /** No weights: the current ratio. Saving over a user preset of that name replaces its weights. */
  savePreset: { input: z.object({ name: presetNameSchema, weights: weightsSchema.optional() }).strict() },
  deletePreset: { input: z.object({ name: z.string().min(1) }).strict() },

  /** Newest first; `before` is the cursor from the previous page. */
  getHistory: {
    input: z
      .object({
        limit: z.number().int().min(1).max(500).default(50),
        before: z.number().int().positive().optional(),
        profile: profileNameSchema.optional(),
        kind: z.enum(HISTORY_KINDS as [string, ...string[]]).optional(),
      })
      .strict(),
  },

  /** The last `seconds` one-second samples, oldest first: what a chart opened late starts from. */
  getMetrics: { input: z.object({ seconds: z.number().int().min(1).max(METRICS_HISTORY_SECONDS).default(60) }).strict() },

  ...demoMethods,
  ...flowMethods,
  ...exportMethods,
  ...proxyMethods,
  ...healthMethods,
  ...managedMethods,
  ...adoptMethods,
  ...inspectMethods,
  ...replayMethods,
  ...tlsMethods,
  ...shadowMethods,
} as const;

export type MethodName = keyof typeof methods;
export { METHOD_NAMES };
/** Compiles only while METHOD_NAMES (method-names.ts) lists every method: each transport serves that list. */
export type _EveryMethodListed = AllListed<Exclude<MethodName, (typeof METHOD_NAMES)[number]>>;
type AllListed<Unlisted extends never> = Unlisted;

/** What a handler receives: validated, defaults filled in. */
export type MethodInput<M extends MethodName> = z.infer<(typeof methods)[M]['input']>;
/** What a caller may send: defaults may be left out. */
export type MethodArgs<M extends MethodName> = z.input<(typeof methods)[M]['input']>;

/** A profile in a list: enough for a switcher and `turnout profile list`. */
export interface ProfileSummary {
  name: string;
  active: boolean;
  listen: string;
  routing: RoutingMethod;
  demo: boolean;
  weights: Weights;
  updatedAt: string;
}

export interface ProfileDetail {
  profile: Profile;
  active: boolean;
  presets: PresetView[];
}

export interface MethodResults
  extends DemoMethodResults, FlowMethodResults, ExportMethodResults, HealthMethodResults, ProxyMethodResults, ManagedMethodResults, AdoptMethodResults, InspectMethodResults, ReplayMethodResults, TlsMethodResults,
    ShadowMethodResults {
  getState: TurnoutState;
  setRatio: TurnoutState;
  undo: TurnoutState;
  listProfiles: ProfileSummary[];
  getProfile: ProfileDetail;
  createProfile: ProfileDetail;
  updateProfile: ProfileDetail;
  deleteProfile: { deleted: string };
  duplicateProfile: ProfileDetail;
  switchProfile: TurnoutState;
  exportProfiles: ProfileFile;
  importProfiles: { imported: string[] };
  listPresets: PresetView[];
  applyPreset: TurnoutState;
  savePreset: PresetView[];
  deletePreset: PresetView[];
  getHistory: HistoryPage;
  getMetrics: MetricsSample[];
}

/** Events pushed from the source of truth to every view. */
export interface ContractEvents extends FlowEvents {
  state: TurnoutState;
  /** One new history entry, as it is written. */
  history: HistoryEntry;
  /** Once a second while the proxy runs: the second that just closed. */
  metrics: MetricsSample;
  /** One new line of a managed environment's output. */
  environmentLog: EnvironmentLogEvent;
  /** New request records, a batch at most every quarter second (never one event per request). */
  requests: RequestRecord[];
  /** The shadow compare's status when it changes, at most twice a second (inspect/shadow-feed.ts). */
  shadow: ShadowStatus;
}
export type EventName = keyof ContractEvents;
export const EVENT_NAMES: readonly EventName[] = ['state', 'history', 'metrics', 'requests', ...FLOW_EVENT_NAMES, ...MANAGED_EVENT_NAMES, ...SHADOW_EVENT_NAMES];

export interface CallContext {
  source: ChangeSource;
}

/** What the core implements. */
export type ContractHandlers = {
  [M in MethodName]: (input: MethodInput<M>, context: CallContext) => Promise<MethodResults[M]>;
};

/** What a view calls: the same methods, with the transport filling in the context. */
export type ContractClient = {
  [M in MethodName]: (input: MethodArgs<M>) => Promise<MethodResults[M]>;
};

export type Unsubscribe = () => void;

/** A client plus the event feed: what the renderer talks to, over IPC or HTTP. */
export interface Bridge extends ContractClient {
  on<E extends EventName>(event: E, listener: (payload: ContractEvents[E]) => void): Unsubscribe;
}

export function isMethodName(value: string): value is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, value);
}
