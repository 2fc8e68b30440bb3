import { z } from 'zod';
import { environmentNameSchema } from '../domain/environment';
import { DEFAULT_DEMO_CONCURRENCY, DEFAULT_DEMO_RPS, type DemoStatus, type DemoView } from './demo';

/** Capped so a typo cannot turn a laptop demo into a benchmark. */
export const MAX_DEMO_RPS = 2000;
const rps = z.number().int('must be a whole number').min(0, 'must be at least 0').max(MAX_DEMO_RPS, `must be at most ${MAX_DEMO_RPS}`);
const concurrency = z.number().int('must be a whole number').min(1, 'must be at least 1').max(256, 'must be at most 256');
const target = z.object({ environment: environmentNameSchema }).strict();

/**
 * Demo mode's part of the contract (spread into `methods`). Every method but `demoStart`
 * acts on the running demo and is refused (CONFLICT) when the active profile is not a
 * demo profile; an unknown environment is NOT_FOUND.
 */
export const demoMethods = {
  /**
   * Makes a demo profile active (the active one if it is a demo, else the first stored
   * demo profile, else a new "Demo" on the current listen address) and sets the load.
   */
  demoStart: { input: z.object({ rps: rps.default(DEFAULT_DEMO_RPS), concurrency: concurrency.default(DEFAULT_DEMO_CONCURRENCY) }).strict() },
  demoStatus: { input: z.object({}).strict() },
  /** Sets the load generator's rate; 0 stops it. No concurrency: keep the current one. */
  demoLoad: { input: z.object({ rps, concurrency: concurrency.optional() }).strict() },
  /** Sets the faults given; the ones left out keep their value (0 and 0: healthy again). */
  demoFault: {
    input: target.extend({
      latencyMs: z.number().int('must be a whole number').min(0, 'must be at least 0').max(30_000, 'must be at most 30000').optional(),
      errorPercent: z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100').optional(),
    }).strict(),
  },
  /** Stops the app at once, open connections cut: new connections are refused. */
  demoCrash: { input: target },
  /** Starts it again on the same port, same version (a running one is restarted gracefully). */
  demoRestart: { input: target },
  /** Restarts it gracefully on the same port as the next version (v3, v4, …). */
  demoNewVersion: { input: target },
} as const;

export type DemoMethodName = keyof typeof demoMethods;

export interface DemoMethodResults {
  demoStart: DemoStatus;
  demoStatus: DemoStatus;
  demoLoad: DemoView;
  demoFault: DemoView;
  demoCrash: DemoView;
  demoRestart: DemoView;
  demoNewVersion: DemoView;
}
