import { dataPlaneWarning, type DataPlaneMode } from '../../../shared/domain/data-plane-mode';
import { describeWorkers } from '../../../shared/domain/data-plane-workers';
import type { HistoryEntry } from '../../../shared/contract/history';
import type { ProfileDetail, ProfileSummary } from '../../../shared/contract/methods';
import type { PresetView } from '../../../shared/domain/presets';
import { formatRatio, type Weights } from '../../../shared/domain/ratio';

/** Human output of the CLI: one item a line, aligned, no colours (scripts use --json). */

const ratioOf = (weights: Weights): string => formatRatio(weights, Object.keys(weights));

export function formatProfiles(profiles: ProfileSummary[]): string {
  const width = Math.max(4, ...profiles.map((profile) => profile.name.length));
  return profiles
    .map((p) => `${p.active ? '*' : ' '} ${p.name.padEnd(width)}  ${p.listen.padEnd(21)}  ${p.routing.padEnd(11)}  ${ratioOf(p.weights)}${p.demo ? '  (demo)' : ''}`)
    .join('\n');
}

export function formatProfile(detail: ProfileDetail): string {
  const { profile } = detail;
  const width = Math.max(...profile.environments.map((env) => env.name.length));
  return [
    `Profile ${profile.name}${detail.active ? ' (active)' : ''}${profile.demo ? ' (demo)' : ''}`,
    `Listen  ${profile.listen}`,
    `Routing ${profile.routing}`,
    `Engine  ${formatEngine(profile.dataPlane)}`,
    'Environments',
    ...profile.environments.map(
      (env) => `  ${env.name.padEnd(width)}  ${String(env.weight).padStart(3)}%  ${env.url}  ${env.color}  health ${env.health.enabled ? `${env.health.method} ${env.health.path}` : 'off'}`,
    ),
    `Restore ratio ${profile.restoreWeights ? ratioOf(profile.restoreWeights) : '(none)'}`,
    'Presets',
    formatPresets(detail.presets),
  ].join('\n');
}

/** The engine, its worker processes when more than one, and what it costs on the next line. */
function formatEngine(mode: DataPlaneMode): string {
  const workers = describeWorkers(mode);
  const warning = dataPlaneWarning(mode);
  return `${mode.kind}${workers ? ` · ${workers}` : ''}${warning ? `\n  ${warning}` : ''}`;
}

export function formatPresets(presets: PresetView[]): string {
  const width = Math.max(...presets.map((preset) => preset.name.length));
  return presets.map((preset) => `  ${preset.name.padEnd(width)}  ${ratioOf(preset.weights)}${preset.builtIn ? '  (built-in)' : ''}`).join('\n');
}

export function formatHistory(entries: HistoryEntry[]): string {
  if (entries.length === 0) return 'No history yet.';
  return entries.map((entry) => `#${entry.id}  ${entry.at.replace('T', ' ').slice(0, 19)}  ${entry.source.padEnd(6)}  ${entry.profile}  ${describe(entry)}`).join('\n');
}

function describe(entry: HistoryEntry): string {
  const what = `${entry.kind}${entry.action ? ` ${entry.action}` : ''}`;
  if (entry.kind === 'ratio' || entry.kind === 'undo') return `${what}: ${ratioOf(entry.before as Weights)} → ${ratioOf(entry.after as Weights)}`;
  if (entry.kind === 'profile' && entry.action === 'switch') return `switched from ${String(entry.before)}`;
  if (entry.kind === 'preset') {
    const preset = (entry.after ?? entry.before) as { name: string; weights: Weights } | null;
    return preset ? `${what} "${preset.name}" ${ratioOf(preset.weights)}` : what;
  }
  return what;
}
