import { formatRatio } from '../../shared/domain/ratio';
import type { TurnoutState } from '../../shared/contract/state';

/** Human-readable state, one environment a line. */
/** The proxy's worker processes, when it runs more than one. */
function workersNote(state: TurnoutState): string {
  const workers = state.profile.dataPlane?.workers ?? 1;
  return workers > 1 ? `  (${workers} worker processes)` : '';
}

/** "hold: 12 held, longest 2.4 s"; "stop: Down for …"; "" for a closed listener. */
function pauseNote(state: TurnoutState): string {
  const pause = state.pause;
  if (!pause || pause.mode === 'close') return '';
  if (pause.mode === 'stop') return `, stop: ${pause.message}`;
  const waited = pause.oldestHeldSince === null ? '' : `, longest ${(Math.max(0, Date.now() - Date.parse(pause.oldestHeldSince)) / 1000).toFixed(1)} s`;
  return `, hold: ${pause.held} held${waited}, timeout ${pause.timeoutMs / 1000} s`;
}

export function formatState(state: TurnoutState): string {
  const names = state.environments.map((env) => env.name);
  const weights = Object.fromEntries(state.environments.map((env) => [env.name, env.weight]));
  const width = Math.max(...names.map((name) => name.length));
  const lines = [
    `Profile ${state.profile.name} (${state.profile.routing})  ratio ${formatRatio(weights, names)}`,
    `Proxy   ${state.proxy.url || state.profile.listen}${state.proxy.paused ? `  (paused${pauseNote(state)})` : state.proxy.listening ? '' : '  (not listening)'}${workersNote(state)}`,
    ...state.environments.map(
      (env) =>
        `  ${env.name.padEnd(width)}  ${String(env.weight).padStart(3)}%  ${env.health.padEnd(7)}  ${env.url}  in flight ${env.inFlight}${env.openStreams ? ` (${env.openStreams} event stream${env.openStreams === 1 ? '' : 's'})` : ''}  WebSockets ${env.openWebSockets}  requests ${env.requests}${env.weight === 0 && env.drained ? '  drained' : ''}`,
    ),
  ];
  const drain = state.flow?.status === 'running' ? state.flow.waitingFor : null;
  if (drain?.kind === 'drained') lines.push(`Update  draining ${drain.message}`);
  if (state.affinityHint) {
    lines.push(
      `Hint    ${state.affinityHint} seen under round robin: this app needs each client on one environment.`,
      `        Switch with: turnout profile edit ${JSON.stringify(state.profile.name)} --routing sticky`,
    );
  }
  return lines.join('\n');
}
