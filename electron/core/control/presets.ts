import { ContractError } from '../../../shared/contract/errors';
import { isBuiltInPresetName, isReservedPresetName, presetsOf, type PresetView } from '../../../shared/domain/presets';
import type { Profile } from '../../../shared/domain/profile';
import { validateWeights, type Weights } from '../../../shared/domain/ratio';

/** Preset rules on a profile value; the control service stores the result. Pure. */

export function findPreset(profile: Profile, name: string): PresetView {
  const preset = presetsOf(profile).find((candidate) => candidate.name === name);
  if (!preset) throw new ContractError('NOT_FOUND', `no preset "${name}" in profile "${profile.name}" (see: turnout preset list)`);
  return preset;
}

/** Adds a user preset at the end, or replaces the weights of the one with that name (keeping its place). */
export function withPreset(profile: Profile, name: string, weights: Weights): Profile {
  if (isReservedPresetName(name)) throw new ContractError('CONFLICT', `"${name}" is a built-in preset name; pick another name`);
  const valid = validateWeights(weights, profile.environments.map((env) => env.name));
  const exists = profile.presets.some((preset) => preset.name === name);
  const presets = exists
    ? profile.presets.map((preset) => (preset.name === name ? { name, weights: valid } : preset))
    : [...profile.presets, { name, weights: valid }];
  return { ...profile, presets };
}

export function withoutPreset(profile: Profile, name: string): Profile {
  if (isBuiltInPresetName(profile, name)) throw new ContractError('CONFLICT', `"${name}" is a built-in preset and cannot be deleted`);
  if (!profile.presets.some((preset) => preset.name === name)) {
    throw new ContractError('NOT_FOUND', `no preset "${name}" of yours in profile "${profile.name}"`);
  }
  return { ...profile, presets: profile.presets.filter((preset) => preset.name !== name) };
}
