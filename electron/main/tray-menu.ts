import { sameWeights, type Weights } from '../../shared/domain/ratio';
import type { PresetView } from '../../shared/domain/presets';
import type { TurnoutState } from '../../shared/contract/state';
import { updatePrompt } from './update-prompt';

// Pure: state in, menu description out (plain data, no Electron), so it is unit-tested and the
// Electron adapter (tray.ts) only turns it into a Menu. Rebuilt on every state change.

/** What a tray click does; run by tray-actions.ts, through the contract where it changes anything. */
export type TrayAction =
  | { kind: 'applyPreset'; name: string }
  | { kind: 'switchProfile'; name: string }
  /** Confirms the update step that waits on the user (updateNext). */
  | { kind: 'continueUpdate' }
  /** Pauses (stops accepting, or with mode `hold`: holds new requests) or resumes the embedded proxy (setPaused). */
  | { kind: 'setPaused'; paused: boolean; mode?: 'hold' }
  | { kind: 'showWindow' }
  | { kind: 'quit' };

export type TrayItem =
  | { type: 'normal'; id: string; label: string; enabled: boolean; action?: TrayAction }
  | { type: 'radio'; id: string; label: string; checked: boolean; enabled: boolean; action?: TrayAction }
  | { type: 'submenu'; id: string; label: string; items: TrayItem[] }
  | { type: 'separator' };

export type TrayIconKind = 'normal' | 'warning';

export interface TrayModel {
  icon: TrayIconKind;
  /** Hover text (Windows cuts it at 127 characters, so the important part comes first). */
  tooltip: string;
  /** Text beside the icon in the macOS menu bar: the ratio. */
  title: string;
  items: TrayItem[];
}

const TOOLTIP_MAX = 127;

/** "70 … 30": the weights in environment order, as the window shows them. */
export function ratioText(state: Pick<TurnoutState, 'environments'>, weights?: Weights): string {
  return state.environments.map((env) => (weights ? (weights[env.name] ?? 0) : env.weight)).join(' … ');
}

/** The preset whose weights are the current ratio (the first, if several match). */
export function currentPreset(state: Pick<TurnoutState, 'environments' | 'presets'>): PresetView | undefined {
  const weights = Object.fromEntries(state.environments.map((env) => [env.name, env.weight]));
  return state.presets.find((preset) => sameWeights(preset.weights, weights));
}

/** Electron reads "&" in labels as a mnemonic marker on Windows and Linux; user text gets it doubled. */
export function escapeLabel(text: string): string {
  return text.replace(/&/g, '&&');
}

function presetLabel(preset: PresetView, state: TurnoutState): string {
  if (preset.builtIn) {
    if (preset.name === 'even') return `Even split (${ratioText(state, preset.weights)})`;
    if (preset.name.startsWith('all-')) return `All to ${escapeLabel(preset.name.slice('all-'.length))}`;
    return ratioText(state, preset.weights);
  }
  return `${escapeLabel(preset.name)} (${ratioText(state, preset.weights)})`;
}

function statusLines(state: TurnoutState): { headline: string; problems: string[] } {
  const names = state.environments.map((env) => env.name).join(' … ');
  const headline = `${state.profile.name}${state.profile.demo ? ' (demo)' : ''}: ${ratioText(state)} (${names})`;
  const down = state.environments.filter((env) => env.health === 'down').map((env) => env.name);
  const problems = [
    ...(state.pause?.mode === 'hold' ? [`traffic held: ${heldText(state.pause.held)} waiting`] : state.proxy.paused ? ['proxy paused'] : state.proxy.listening ? [] : ['proxy not listening']),
    ...(down.length > 0 ? [`${down.join(', ')} ${down.length === 1 ? 'is' : 'are'} down`] : []),
  ];
  return { headline, problems };
}

function presetItems(state: TurnoutState): TrayItem[] {
  const current = currentPreset(state);
  const items: TrayItem[] = state.presets.map((preset) => ({
    type: 'radio',
    id: `preset:${preset.name}`,
    label: presetLabel(preset, state),
    checked: preset === current,
    enabled: true,
    action: { kind: 'applyPreset', name: preset.name },
  }));
  // A ratio no preset matches is shown (checked, not clickable) so the radio group is honest.
  if (!current) items.push({ type: 'radio', id: 'preset:(custom)', label: `Custom ${ratioText(state)}`, checked: true, enabled: false });
  return items;
}

function profileItems(state: TurnoutState): TrayItem[] {
  return state.profileNames.map((name) => ({
    type: 'radio',
    id: `profile:${name}`,
    label: escapeLabel(name),
    checked: name === state.profile.name,
    enabled: true,
    action: { kind: 'switchProfile', name },
  }));
}

function updateItems(state: TurnoutState): TrayItem[] {
  const prompt = updatePrompt(state);
  if (!prompt) return [];
  const offer: TrayItem[] = prompt.offer
    ? [{ type: 'normal', id: 'continue-update', label: escapeLabel(prompt.offer.label), enabled: true, action: prompt.offer.kind === 'next' ? { kind: 'continueUpdate' } : { kind: 'showWindow' } }]
    : [];
  return [{ type: 'normal', id: 'update-status', label: escapeLabel(prompt.status), enabled: false }, ...offer, { type: 'separator' }];
}

const heldText = (count: number): string => `${count} ${count === 1 ? 'request' : 'requests'}`;

/**
 * "Hold traffic" beside "Pause proxy" / "Resume proxy": only the embedded proxy can pause (an
 * external engine is refused). While holding, the hold item says how many requests wait (the
 * menu is rebuilt as the count moves) and Resume releases them; from another pause mode it
 * switches to holding.
 */
function pauseItems(state: TurnoutState): TrayItem[] {
  if ((state.profile.dataPlane?.kind ?? 'embedded') !== 'embedded') return [];
  const { paused } = state.proxy;
  const hold: TrayItem =
    state.pause?.mode === 'hold'
      ? { type: 'normal', id: 'hold', label: `Holding traffic: ${heldText(state.pause.held)} waiting`, enabled: false }
      : { type: 'normal', id: 'hold', label: 'Hold traffic', enabled: true, action: { kind: 'setPaused', paused: true, mode: 'hold' } };
  return [hold, { type: 'normal', id: 'pause', label: paused ? 'Resume proxy' : 'Pause proxy', enabled: true, action: { kind: 'setPaused', paused: !paused } }];
}

/** The tray for one state: icon, tooltip, macOS title and the menu. */
export function trayMenuFor(state: TurnoutState): TrayModel {
  const { headline, problems } = statusLines(state);
  const update = updatePrompt(state);
  const items: TrayItem[] = [
    { type: 'normal', id: 'status', label: `Turnout · ${escapeLabel(headline)}`, enabled: false },
    ...problems.map((problem, index): TrayItem => ({ type: 'normal', id: `problem:${index}`, label: `⚠ ${escapeLabel(problem)}`, enabled: false })),
    { type: 'separator' },
    ...presetItems(state),
    { type: 'separator' },
    ...updateItems(state),
    ...(state.profileNames.length > 1 ? ([{ type: 'submenu', id: 'profiles', label: 'Profile', items: profileItems(state) }] satisfies TrayItem[]) : []),
    ...pauseItems(state),
    { type: 'normal', id: 'show', label: 'Open Turnout', enabled: true, action: { kind: 'showWindow' } },
    { type: 'separator' },
    { type: 'normal', id: 'quit', label: 'Quit Turnout', enabled: true, action: { kind: 'quit' } },
  ];
  // Problems first: Windows cuts the tooltip, and they are what a glance at the tray is for.
  const tooltip = ['Turnout', ...problems.map((problem) => `⚠ ${problem}`), ...(update ? [update.status] : []), headline].join('\n');
  return {
    icon: problems.length > 0 ? 'warning' : 'normal',
    tooltip: tooltip.length > TOOLTIP_MAX ? `${tooltip.slice(0, TOOLTIP_MAX - 1)}…` : tooltip,
    title: ratioText(state),
    items,
  };
}

/** The item with this id anywhere in the menu (submenus included). */
export function findTrayItem(items: readonly TrayItem[], id: string): TrayItem | undefined {
  for (const item of items) {
    if (item.type === 'separator') continue;
    if (item.id === id) return item;
    if (item.type === 'submenu') {
      const found = findTrayItem(item.items, id);
      if (found) return found;
    }
  }
  return undefined;
}
