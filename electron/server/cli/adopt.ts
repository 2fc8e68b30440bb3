import { connect, expectPositionals, print, UsageError, type Command } from './common';

/** `turnout adopt URL [--clone CMD]`: Turnout in front of an app that already serves. */
export const adoptCommand: Command = {
  usage: `Usage: turnout adopt URL [--clone "PORT={port} npm start"] [--name NAME] [--listen HOST:PORT]
                     [--health PATH] [--timeout SECONDS] [--json]

Puts Turnout in front of an app already serving at URL: it becomes Blue (health-checked where
it is, weight 100). With --clone, Green is started from that command ({port} and {name} filled
in, PORT set; run in this directory) on a free port, and must answer its health check within
--timeout seconds (default 60). The profile is saved and made active; the proxy address and how
to move clients over are printed. --listen: the proxy's address (default: the active profile's).
On any error nothing is saved and nothing is left running.`,
  client: true,
  options: { clone: { type: 'string' }, name: { type: 'string' }, listen: { type: 'string' }, health: { type: 'string' }, timeout: { type: 'string' } },
  async run(parsed, io) {
    const [url] = expectPositionals(parsed, 'adopt', ['URL']);
    const { clone, name, listen, health, timeout } = parsed.values as Record<string, string | undefined>;
    if (timeout !== undefined && (!/^\d+$/.test(timeout) || Number(timeout) < 1 || Number(timeout) > 600)) throw new UsageError(`--timeout must be whole seconds from 1 to 600, got "${timeout}"`);
    const result = await connect(parsed.values, io).adopt({
      url: url!,
      ...(clone !== undefined ? { clone, cwd: process.cwd() } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(listen !== undefined ? { listen } : {}),
      ...(health !== undefined ? { healthPath: health } : {}),
      ...(timeout !== undefined ? { readyTimeoutMs: Number(timeout) * 1000 } : {}),
    });
    return print(io, parsed.values, result, () =>
      [
        `Adopted ${result.blue} as blue in profile "${result.profile}" (now active).`,
        `green: ${result.green}${result.greenManaged ? ' (run by Turnout, healthy)' : ''}`,
        `Proxy: ${result.proxyUrl}`,
        '',
        'Next:',
        ...result.nextSteps.map((step, index) => `  ${index + 1}. ${step}`),
      ].join('\n'),
    );
  },
};
