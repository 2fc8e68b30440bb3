import { DEFAULT_ADMIN } from '../../../shared/domain/default-addresses';

/** Its own module: `turnout --help` prints it without loading any command. */
export const CLIENT_OPTIONS_HELP = `Client options:
  --admin URL     the running Turnout's admin API (or TURNOUT_ADMIN; default http://${DEFAULT_ADMIN})
  --token TOKEN   admin token (or TURNOUT_TOKEN; default: the token file of the headless
                  data dir or of the desktop app)
  --json          machine-readable output`;
