import type { GuardView } from '../../../shared/contract/flow';
import type { MetricsSample } from '../../../shared/contract/metrics';
import type { Guard } from '../../../shared/domain/update-plan';

/** One second of a ramp as the guard needs it: the new side against the old side(s) together. */
export interface GuardSample {
  newRequests: number;
  newErrors: number;
  newP99Ms: number;
  oldRequests: number;
  oldErrors: number;
  oldP99Ms: number;
}

/** A p99 this close to the old side's is never a breach: tiny latencies vary by whole multiples. */
export const P99_SLACK_MS = 50;

/** Reduces a 1 s metrics sample to the guard's figures: `first` is new, every other environment is old. */
export function guardSample(sample: MetricsSample, first: string): GuardSample {
  const result: GuardSample = { newRequests: 0, newErrors: 0, newP99Ms: 0, oldRequests: 0, oldErrors: 0, oldP99Ms: 0 };
  for (const [name, env] of Object.entries(sample.environments)) {
    const errors = Math.round(env.errorRate * env.rps);
    if (name === first) {
      result.newRequests += env.rps;
      result.newErrors += errors;
      result.newP99Ms = Math.max(result.newP99Ms, env.latencyMs.p99);
    } else {
      result.oldRequests += env.rps;
      result.oldErrors += errors;
      result.oldP99Ms = Math.max(result.oldP99Ms, env.latencyMs.p99);
    }
  }
  return result;
}

/**
 * The guard's verdict over a window of seconds: error rates are pooled (errors / requests
 * over the whole window), p99 is the worst second's. No verdict on too few new requests.
 */
export function judge(window: readonly GuardSample[], guard: Guard): GuardView {
  const sum = (pick: (sample: GuardSample) => number): number => window.reduce((total, sample) => total + pick(sample), 0);
  const newRequests = sum((s) => s.newRequests);
  const oldRequests = sum((s) => s.oldRequests);
  const view: GuardView = {
    newErrorRate: newRequests === 0 ? 0 : sum((s) => s.newErrors) / newRequests,
    oldErrorRate: oldRequests === 0 ? 0 : sum((s) => s.oldErrors) / oldRequests,
    newP99Ms: Math.max(0, ...window.filter((s) => s.newRequests > 0).map((s) => s.newP99Ms)),
    oldP99Ms: Math.max(0, ...window.filter((s) => s.oldRequests > 0).map((s) => s.oldP99Ms)),
    newRequests,
    breach: null,
  };
  if (newRequests < guard.minRequests) return view;
  const pct = (rate: number): string => `${(rate * 100).toFixed(1)} %`;
  if (view.newErrorRate > guard.maxErrorRate) {
    view.breach = `error rate ${pct(view.newErrorRate)} over the limit of ${pct(guard.maxErrorRate)}`;
  } else if (oldRequests > 0 && view.newErrorRate > view.oldErrorRate + guard.maxErrorRateDelta) {
    view.breach = `error rate ${pct(view.newErrorRate)} against ${pct(view.oldErrorRate)} on the old side`;
  } else if (guard.maxP99Ms !== null && view.newP99Ms > guard.maxP99Ms) {
    view.breach = `p99 ${view.newP99Ms} ms over the limit of ${guard.maxP99Ms} ms`;
  } else if (guard.maxP99Factor !== null && oldRequests > 0 && view.newP99Ms > view.oldP99Ms * guard.maxP99Factor + P99_SLACK_MS) {
    view.breach = `p99 ${view.newP99Ms} ms against ${view.oldP99Ms} ms on the old side`;
  }
  return view;
}
