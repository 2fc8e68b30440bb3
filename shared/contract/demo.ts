/**
 * Demo mode as every view sees it: the demo apps a demo profile runs, their injected
 * faults, and the built-in load generator. Present in the state only while the active
 * profile is a demo profile (`TurnoutState.demo`), null otherwise.
 */

/** Faults injected into one demo app; both 0 means it behaves. */
export interface DemoFaults {
  /** Added before every HTTP answer (health probes included, so a long one shows as down). */
  latencyMs: number;
  /** Share of HTTP answers that are 500, 0…100, chosen at random per request; health probes are spared. */
  errorPercent: number;
}

export interface DemoEnvironmentView {
  /** The environment it stands in for. */
  name: string;
  /** "v1", "v2", … ; "new version" gives the next number after the highest one. */
  version: string;
  /** What its page shows: "v1 Blue". */
  label: string;
  /** False after a crash, until a restart. */
  running: boolean;
  /** Its loopback port: kept across crash, restart and new version, so the URL never changes. */
  port: number;
  faults: DemoFaults;
  /** HTTP requests answered since Turnout started it, health probes aside. */
  requests: number;
}

export interface DemoLoadView {
  running: boolean;
  /** Requests per second asked for (0: stopped). */
  targetRps: number;
  /** Most requests in flight at once. */
  concurrency: number;
  /** Answers received over the last second. */
  achievedRps: number;
  /** Since the generator was first started in this demo. */
  sent: number;
  completed: number;
  /** 5xx answers and requests that got no answer. */
  errors: number;
  inFlight: number;
  /** The last error in words ("status 502", "ECONNREFUSED"), or null. */
  lastError: string | null;
  /** Answers by X-Served-By: which environment the load reached. */
  servedBy: Record<string, number>;
}

export interface DemoView {
  environments: DemoEnvironmentView[];
  load: DemoLoadView;
  /**
   * This machine's network addresses (IPv4, not loopback): where a room opens the demo page
   * once the proxy listens on every interface. The admin surface never moves off loopback.
   */
  lanAddresses: string[];
}

/** One step of the guided explanation the window shows on a demo profile. */
export interface DemoGuideStep {
  title: string;
  text: string;
  /** The same step from a terminal. */
  cli: string;
}

/** What `demoStart` and `demoStatus` answer: the view plus what to tell the room. */
export interface DemoStatus extends DemoView {
  profile: string;
  /** Where the audience points a browser (the proxy, not a demo app). */
  proxyUrl: string;
  guide: readonly DemoGuideStep[];
}

export const DEFAULT_DEMO_RPS = 20;
export const DEFAULT_DEMO_CONCURRENCY = 10;

/** The guided explanation: short enough to read aloud, in the order a demo usually goes. */
export const DEMO_GUIDE: readonly DemoGuideStep[] = [
  {
    title: 'Two versions, one address',
    text: 'Blue runs v1 and Green runs v2, both behind the proxy at 50:50. Open the proxy URL in a browser: the page asks every second which version answers and keeps a tally.',
    cli: 'turnout demo status',
  },
  {
    title: 'Send some traffic',
    text: 'Start the load generator: its requests go through the proxy, so the topology and the charts show them live.',
    cli: 'turnout demo load 50',
  },
  {
    title: 'Move everyone to Green',
    text: 'Set the ratio to 0:100. Blue drains: requests in flight finish, new ones go to Green. Nobody sees an error.',
    cli: 'turnout ratio 0:100',
  },
  {
    title: 'Ship a new version to Blue',
    text: 'With no traffic on it, "New version" restarts Blue as v3 on the same port. Check it yourself first with the pin ?turnout-env=blue.',
    cli: 'turnout demo new-version blue',
  },
  {
    title: 'Swap',
    text: 'Set the ratio to 100:0: the page turns to v3 Blue. Green is now idle and ready for its own update; 50:50 restores the split.',
    cli: 'turnout ratio 100:0',
  },
  {
    title: 'Break something',
    text: 'Add latency or errors to an environment and watch the charts, or crash it: health marks it down and traffic fails over without a failed request. Restart brings it back.',
    cli: 'turnout demo crash green',
  },
];
