import { dataPlaneWarning, type DataPlaneMode } from '../../../shared/domain/data-plane-mode';
import { describeWorkers } from '../../../shared/domain/data-plane-workers';
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

const seconds = (ms: number): string => `${ms / 1000} s`;

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
    `Update drain: sticky clients move after ${seconds(profile.update.drain.sessionWindowMs)}, WebSockets and streams close after ${seconds(profile.update.drain.graceMs)}, the rest is cut after ${seconds(profile.update.drain.deadlineMs)}`,
    'Presets',
    formatPresets(detail.presets),
  ].join('\n');
}

/** The engine, its worker processes when more than one, and what it costs on the next line. */
function formatEngine(mode: DataPlaneMode): string {
  const workers = describeWorkers(mode);
  const warning = dataPlaneWarning(mode);
  const attached = mode.kind === 'haproxy-attach' ? ` · runtime API ${mode.socket} · backend ${mode.backend} · ${Object.entries(mode.servers).map(([env, server]) => `${env}=${server}`).join(' ')}` : '';
  return `${mode.kind}${workers ? ` · ${workers}` : ''}${attached}${warning ? `\n  ${warning}` : ''}`;
}

export function formatPresets(presets: PresetView[]): string {
  const width = Math.max(...presets.map((preset) => preset.name.length));
  return presets.map((preset) => `  ${preset.name.padEnd(width)}  ${ratioOf(preset.weights)}${preset.builtIn ? '  (built-in)' : ''}`).join('\n');
}
