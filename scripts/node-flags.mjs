/**
 * The V8 flags `turnout` runs with (V8 reads both only when it creates the heap, so they are
 * given at start-up): the young generation capped at 2 × 4 MB, and a 1 GB heap, below the
 * 2 GB from which V8 lets old space grow to 4× what survives a collection instead of ≈ 1.6×.
 * Under 50 connections `turnout serve` then holds ≈ 100 MB of RSS instead of 120–140 MB
 * (bench/README.md, "serve's memory"). Records live outside the JS heap (record-columns.ts),
 * so the cap does not limit the request ring.
 *
 * The shebang of bin/turnout.js and package.json's `serve` script repeat them (neither can
 * import); test/server/node-flags.test.ts checks that all three agree.
 */
export const NODE_FLAGS = ['--max-semi-space-size=4', '--max-old-space-size=1024'];
