/**
 * The `turnout` process: bin/turnout.js imports its build (out/cli/turnout.js), and
 * `TURNOUT_FROM_SOURCE=1` or `npm run turnout:dev` run this file through tsx.
 */
import { main } from './cli';

process.exitCode = await main(process.argv.slice(2));
