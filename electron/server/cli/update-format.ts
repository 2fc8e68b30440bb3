import type { FlowStepView, FlowView } from '../../../shared/contract/flow';
import { formatRatio, type Weights } from '../../../shared/domain/ratio';

/** `turnout update status` for a person: every step with its state, and what the active one waits for. */

const MARK: Record<FlowStepView['state'], string> = { pending: '[ ]', active: '[>]', done: '[x]', failed: '[!]' };
const ratio = (weights: Weights): string => formatRatio(weights, Object.keys(weights));

export function formatFlow(view: FlowView | null): string {
  if (!view) return 'No update has run since Turnout started. Start one with: turnout update start <environment>';
  const lines = [`Update (${view.plan}, ${view.first} first): ${view.status}${view.reason ? ` (${view.reason})` : ''}`];
  view.steps.forEach((step, index) => {
    const ratioText = step.weights ? `  ${ratio(step.weights)}` : '';
    const extra = step.kind === 'ramp' ? `${step.holdMs ? `, hold ${Math.round(step.holdMs / 1000)} s` : ''}${step.gate ? ', gate' : ''}` : '';
    lines.push(`  ${MARK[step.state]} ${step.label}${extra}${ratioText}`);
    if (index === view.current && view.waitingFor) {
      const until = view.waitingFor.until ? ` (until ${new Date(view.waitingFor.until).toISOString().slice(11, 19)})` : '';
      lines.push(`      waiting for ${view.waitingFor.kind}: ${view.waitingFor.message}${until}`);
    }
  });
  if (view.command) {
    const { env, command, running, exitCode, output } = view.command;
    lines.push(`Command for ${env}: ${command} (${running ? 'running' : `exit ${exitCode ?? '-'}`})`, ...output.slice(-10).map((line) => `  | ${line}`));
  }
  if (view.guard) {
    const pct = (rate: number): string => `${(rate * 100).toFixed(1)} %`;
    const g = view.guard;
    lines.push(`Guard: errors ${pct(g.newErrorRate)} new vs ${pct(g.oldErrorRate)} old, p99 ${g.newP99Ms} vs ${g.oldP99Ms} ms over ${g.newRequests} requests${g.breach ? `; breach: ${g.breach}` : ''}`);
  }
  if (view.status === 'running') {
    lines.push(`Restore ratio ${ratio(view.restoreWeights)}; an abort now goes to ${ratio(view.safeWeights)}`);
    if (view.waitingFor && ['user', 'gate', 'confirm-command'].includes(view.waitingFor.kind)) {
      lines.push(`Next: turnout update next${view.waitingFor.kind === 'confirm-command' ? '   (or --manual: updated by hand, do not run it)' : ''}`);
    }
    if (view.waitingFor?.kind === 'drained') lines.push('Finish the drain now: turnout update next');
  } else if (view.finishedAt !== null) {
    lines.push(`Ended ${new Date(view.finishedAt).toISOString().slice(11, 19)}; the ratio is ${view.status === 'done' ? `restored to ${ratio(view.restoreWeights)}` : `back at ${ratio(view.safeWeights)}`}`);
  }
  return lines.join('\n');
}
