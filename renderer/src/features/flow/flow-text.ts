import type { FlowStatus, FlowStepState, FlowView, FlowWait } from '../../../../shared/contract/flow';

/**
 * The update flow in words. The core's messages are precise but terse ("blue: 3 in flight,
 * 0 WebSockets open"); the headline says what is going on and what to do, the core's line
 * stays below it as the detail.
 */

export const STEP_STATE_TEXT: Record<FlowStepState, string> = { pending: 'To do', active: 'Now', done: 'Done', failed: 'Failed' };

export const FLOW_STATUS_TEXT: Record<FlowStatus, string> = {
  running: 'Running',
  done: 'Finished',
  aborted: 'Aborted',
  'rolled-back': 'Rolled back',
  failed: 'Failed',
};

/** "blue" → "Blue": environment names read as proper names in sentences. */
export function envTitle(name: string | null): string {
  if (!name) return 'The environment';
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** One sentence: what the flow waits for now, and what (if anything) the person should do. */
export function waitHeadline(wait: FlowWait): string {
  const env = envTitle(wait.env);
  switch (wait.kind) {
    case 'drained':
      return `Draining ${env}: every client gets a clean end, then it is safe to update`;
    case 'user':
      return `${env} is drained: safe to update`;
    case 'confirm-command':
      return `${env} is drained: run its update command?`;
    case 'command':
      return `Updating ${env}: the update command is running`;
    case 'health':
      return `Verifying ${env}: waiting for good health checks`;
    case 'smoke':
      return `Verifying ${env}: checking the smoke request`;
    case 'hold':
      return `${env} takes more traffic: the guard is watching`;
    case 'gate':
      return `${env} held its share: continue when you are happy`;
    case 'rollback':
      return `Rolling back ${env}`;
    case 'held':
      return heldHeadline(wait);
    case 'shadow':
      return `Verifying ${env}: comparing shadowed live requests (the shadow gate)`;
  }
}

/** The held step: traffic waits in Turnout while its command runs; the count moves every tick. */
function heldHeadline(wait: FlowWait): string {
  const meter = wait.held;
  if (!meter || meter.phase === 'holding') return 'Holding traffic for the held step';
  const requests = `holding ${meter.requests} ${meter.requests === 1 ? 'request' : 'requests'}`;
  if (meter.phase === 'quiet') return `Traffic held (${requests}): letting ${meter.inFlight} in flight finish first`;
  return `Traffic held (${requests}) while the command runs`;
}

/** What the Continue button says for a wait a person can end, or null when only time or the core can. */
export function continueLabel(wait: FlowWait | null): string | null {
  if (!wait) return null;
  const env = envTitle(wait.env);
  if (wait.kind === 'user') return `${env} is updated: continue`;
  if (wait.kind === 'confirm-command') return 'Run the command';
  if (wait.kind === 'gate') return 'Continue';
  if (wait.kind === 'drained') return 'Finish the drain now';
  return null;
}

/** How a finished flow ended, for the panel. */
export function endText(flow: Pick<FlowView, 'status' | 'first' | 'reason'>): string {
  if (flow.status === 'done') return `Update finished: ${envTitle(flow.first)} first, ratio restored.`;
  if (flow.status === 'running') return 'Update running.';
  return `Update ${FLOW_STATUS_TEXT[flow.status].toLowerCase()}${flow.reason ? `: ${flow.reason}` : '.'}`;
}

/** Time left until `until`, steady in width: "45 s", "2:05", "1:02:05"; "0 s" once past. */
export function formatCountdown(until: number, now: number): string {
  const seconds = Math.max(0, Math.ceil((until - now) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A 0…1 share as a percentage with one decimal: the guard's figures. */
export function formatRate(rate: number): string {
  return `${(rate * 100).toFixed(1)} %`;
}
