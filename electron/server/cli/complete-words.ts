import { connect, type Command } from './common';

/** How long a TAB may wait for the running Turnout before it offers nothing. */
const ANSWER_MS = 1500;

const LOOKUPS: Record<string, (client: ReturnType<typeof connect>) => Promise<string[]>> = {
  profile: async (client) => (await client.listProfiles({})).map((profile) => profile.name),
  preset: async (client) => (await client.listPresets({})).map((preset) => preset.name),
  environment: async (client) => (await client.getState({})).environments.map((env) => env.name),
};

/**
 * `turnout __complete profile|preset|environment`: what the shell scripts of
 * `turnout completion` ask for names only the running Turnout knows, one a line. Quiet by
 * design: with no Turnout answering (or a wrong token) it prints nothing and exits 0, as a
 * TAB must never print an error into the command line being typed.
 */
export const completeWords: Command = {
  usage: `Usage: turnout __complete ${Object.keys(LOOKUPS).join('|')} [--admin URL] [--token TOKEN]

For the shell completion scripts: the running Turnout's names, one a line (nothing if none answers).`,
  client: true,
  async run(parsed, io) {
    const lookup = LOOKUPS[parsed.positionals[0] ?? ''];
    if (!lookup || parsed.positionals.length !== 1) return 0;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<string[]>((resolve) => (timer = setTimeout(() => resolve([]), ANSWER_MS)));
      // Caught here too: once the timeout has won, a late failure must not surface unhandled.
      const answer = lookup(connect(parsed.values, io)).catch((): string[] => []);
      for (const name of await Promise.race([answer, timeout])) io.out(name);
    } catch {
      // Nothing to offer: no Turnout running there, no token, refused.
    } finally {
      clearTimeout(timer);
    }
    return 0;
  },
};
