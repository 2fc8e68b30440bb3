import { connect, expectPositionals, type Command } from './common';

/** `turnout probe ENV`: one health probe now ("test now"); exit 1 when it fails. */
export const probeCommand: Command = {
  usage: `Usage: turnout probe ENV [--path P] [--json]

Runs one health probe of ENV (in the active profile) now, at its real URL, with its saved
health-check settings; --path P tries another path. Changes no health state.
Exit code 0 when the probe passes, 1 when it fails.`,
  client: true,
  completes: 'environment',
  options: { path: { type: 'string' } },
  async run(parsed, io) {
    const [name] = expectPositionals(parsed, 'probe', ['ENV']);
    const client = connect(parsed.values, io);
    const path = parsed.values.path as string | undefined;
    let health;
    if (path !== undefined) {
      const { profile } = await client.getProfile({});
      const env = profile.environments.find((item) => item.name === name);
      if (env) health = { ...env.health, path };
    }
    const result = await client.probeEnvironment({ name: name!, ...(health ? { health } : {}) });
    if (parsed.values.json) io.out(JSON.stringify(result, null, 2));
    else io.out(result.ok ? `${name}: OK, ${result.status} in ${result.ms} ms` : `${name}: FAILED, ${result.error ?? `status ${result.status}`} (${result.ms} ms)`);
    return result.ok ? 0 : 1;
  },
};
