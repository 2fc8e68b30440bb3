import type { DemoStatus, DemoView } from '../../../shared/contract/demo';

/** The demo apps and the load, one app a line: what `turnout demo ...` prints. */
export function formatDemo(view: DemoView): string {
  const width = Math.max(...view.environments.map((env) => env.label.length));
  const apps = view.environments.map((env) => {
    const faults = [env.faults.latencyMs > 0 ? `+${env.faults.latencyMs} ms` : '', env.faults.errorPercent > 0 ? `${env.faults.errorPercent} % errors` : ''].filter(Boolean);
    return `  ${env.label.padEnd(width)}  ${(env.running ? 'running' : 'crashed').padEnd(7)}  127.0.0.1:${env.port}  ${faults.join(', ') || 'no faults'}  requests ${env.requests}`;
  });
  const { load } = view;
  const loadLine = load.running
    ? `Load    ${load.targetRps} req/s asked, ${load.achievedRps} answered last second, concurrency ${load.concurrency}, ${load.errors} errors of ${load.completed}${load.lastError ? ` (last: ${load.lastError})` : ''}`
    : `Load    off${load.sent > 0 ? ` (${load.completed} sent, ${load.errors} errors)` : ''}`;
  return ['Demo apps', ...apps, loadLine].join('\n');
}

export function formatDemoStatus(status: DemoStatus, withGuide = false): string {
  const lines = [`Demo    profile ${status.profile}, open ${status.proxyUrl} in a browser`, formatDemo(status)];
  if (withGuide) {
    lines.push('', 'What to show:');
    status.guide.forEach((step, index) => lines.push(`  ${index + 1}. ${step.title}: ${step.text}`, `     $ ${step.cli}`));
  }
  return lines.join('\n');
}
