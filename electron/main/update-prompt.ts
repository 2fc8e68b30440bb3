import type { FlowView } from '../../shared/contract/flow';
import type { TurnoutState } from '../../shared/contract/state';

// Pure: what the tray says about a guided update (shared/contract/flow.ts) and offers for it.

export interface UpdatePrompt {
  /** One line for the status part of the menu and the tooltip: "Update: Drain blue (blue: 3 in flight)". */
  status: string;
  /**
   * What the tray offers: `next` confirms the waiting step at once (updateNext, as the window's
   * button does); `review` opens the window, for a step that should be looked at first (an
   * imported command about to run).
   */
  offer?: { kind: 'next' | 'review'; label: string };
}

function activeLabel(flow: FlowView): string {
  return flow.steps[flow.current]?.label ?? 'update';
}

/** Whether the tray has something to say about the update: only while one runs. */
export function updatePrompt(state: Pick<TurnoutState, 'flow'>): UpdatePrompt | undefined {
  const flow = state.flow;
  if (!flow || flow.status !== 'running') return undefined;
  const step = activeLabel(flow);
  const wait = flow.waitingFor;
  const status = `Update: ${step}${wait?.message ? ` (${wait.message})` : ''}`;
  switch (wait?.kind) {
    case 'user':
      return { status, offer: { kind: 'next', label: `Continue update: ${wait.env ? `${wait.env} is updated` : step}` } };
    case 'gate':
      return { status, offer: { kind: 'next', label: `Continue update: ${step}` } };
    case 'confirm-command':
      return { status, offer: { kind: 'review', label: 'Continue update: review the command…' } };
    default:
      return { status };
  }
}
