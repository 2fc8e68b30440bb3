import type { Profile } from './profile';
import { RATIO_TOTAL, type Weights } from './ratio';

/** A preset as views show it: built-ins first, then the user's own in their order. */
export interface PresetView {
  name: string;
  weights: Weights;
  builtIn: boolean;
}

const TWO_WAY_STEPS = [100, 75, 50, 25, 0];

/**
 * Built-in presets are computed from the environments, never stored, so they always fit
 * the profile. Two environments get the classic steps, named like the ratio one types
 * ("75:25"); more get one "all to X" each and an even split.
 */
export function builtInPresets(names: readonly string[]): PresetView[] {
  if (names.length === 2) {
    const [a, b] = names as [string, string];
    return TWO_WAY_STEPS.map((first) => ({ name: `${first}:${RATIO_TOTAL - first}`, weights: { [a]: first, [b]: RATIO_TOTAL - first }, builtIn: true }));
  }
  const allTo = names.map((target) => ({
    name: `all-${target}`,
    weights: Object.fromEntries(names.map((name) => [name, name === target ? RATIO_TOTAL : 0])),
    builtIn: true,
  }));
  return [...allTo, { name: 'even', weights: evenWeights(names), builtIn: true }];
}

/** 100 split as evenly as whole numbers allow; the first environments take the remainder. */
export function evenWeights(names: readonly string[]): Weights {
  const base = Math.floor(RATIO_TOTAL / names.length);
  const extra = RATIO_TOTAL - base * names.length;
  return Object.fromEntries(names.map((name, index) => [name, base + (index < extra ? 1 : 0)]));
}

export function presetsOf(profile: Pick<Profile, 'environments' | 'presets'>): PresetView[] {
  const builtIns = builtInPresets(profile.environments.map((env) => env.name));
  return [...builtIns, ...profile.presets.map((preset) => ({ ...preset, builtIn: false }))];
}

export function isBuiltInPresetName(profile: Pick<Profile, 'environments'>, name: string): boolean {
  return builtInPresets(profile.environments.map((env) => env.name)).some((preset) => preset.name === name);
}

/**
 * Names a user preset may not take: the built-in names of any environment count, so a
 * saved preset never clashes with a built-in after environments are added.
 */
export function isReservedPresetName(name: string): boolean {
  return name === 'even' || name.startsWith('all-') || /^\d+(:\d+)+$/.test(name);
}
