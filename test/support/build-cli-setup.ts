import { buildCli } from '../../scripts/build-cli.mjs';

/**
 * Vitest globalSetup: the suites spawn bin/turnout.js as users run it, which runs the build
 * in out/cli. Bring that build up to date once, before any suite starts, rather than have
 * the first CLI child of every parallel suite find it stale (and print that it rebuilds).
 */
export default async function setup(): Promise<void> {
  await buildCli({ ifStale: true });
}
