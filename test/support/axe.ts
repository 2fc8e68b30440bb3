import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
/** axe-core's own bundle, injected as is: the checker most teams run in CI, not one of ours. */
const AXE_PATH = require.resolve('axe-core/axe.min.js');

/** The rules the issue asks for: WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

export interface AxeSummary {
  violations: AxeFinding[];
  passes: number;
  /** Rules axe could not decide (e.g. contrast over a gradient): their ids, for a person to look at. */
  incomplete: string[];
}

/** Runs axe-core on the whole page (injecting it once per document) and keeps what a report needs. */
export async function runAxe(page: Page): Promise<AxeSummary> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (tags) => {
    type Result = { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Result[]; passes: Result[]; incomplete: Result[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return {
      violations: result.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })),
      passes: result.passes.length,
      incomplete: result.incomplete.map((r) => r.id),
    };
  }, [...WCAG_TAGS]);
}

/** One line per run, then one per violation: what the e2e log shows. */
export function formatAxe(label: string, summary: AxeSummary): string {
  const head = `axe ${label}: ${summary.violations.length} violations, ${summary.passes} rules passed, ${summary.incomplete.length} to review by hand (${summary.incomplete.join(', ') || 'none'})`;
  const lines = summary.violations.map((v) => `  ${v.id} (${v.impact}): ${v.help}: ${v.targets.join(', ')}`);
  return [head, ...lines].join('\n');
}
