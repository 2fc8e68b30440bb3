import type { CallContext, MethodInput, MethodResults } from '../../../shared/contract/methods';
import { presetsOf } from '../../../shared/domain/presets';
import type { Profile } from '../../../shared/domain/profile';
import type { Weights } from '../../../shared/domain/ratio';
import type { Store } from '../store/store';
import type { HistoryLog } from './history-log';
import { withoutPreset, withPreset } from './presets';

/** What saving or deleting a preset needs of the control service. */
export interface PresetHost {
  profile: Profile;
  weights: Weights;
  log: HistoryLog;
  store: Store;
  /** The stored profile with its new presets becomes the running one, and every view hears of it. */
  adopt(next: Profile): void;
}

/** contract savePreset: a new user preset, or new weights for one (the current ratio when none are given). */
export function savePreset(host: PresetHost, input: MethodInput<'savePreset'>, context: CallContext): MethodResults['savePreset'] {
  const next = withPreset(host.profile, input.name, input.weights ?? host.weights);
  const before = host.profile.presets.find((preset) => preset.name === input.name) ?? null;
  storePresets(host, next, context, 'save', before, next.presets.find((preset) => preset.name === input.name));
  return presetsOf(next);
}

/** contract deletePreset: built-in presets cannot be deleted (presets.ts). */
export function deletePreset(host: PresetHost, input: MethodInput<'deletePreset'>, context: CallContext): MethodResults['deletePreset'] {
  const next = withoutPreset(host.profile, input.name);
  storePresets(host, next, context, 'delete', host.profile.presets.find((preset) => preset.name === input.name), null);
  return presetsOf(next);
}

/** Stores the profile and its history entry in one transaction, then the host adopts it. */
function storePresets(host: PresetHost, next: Profile, context: CallContext, action: string, before: unknown, after: unknown): void {
  host.log.commit((record) => {
    host.store.profiles.replace(host.profile.name, next);
    record({ source: context.source, kind: 'preset', action, profile: next.name, before: before ?? null, after: after ?? null });
  });
  host.adopt(next);
}
