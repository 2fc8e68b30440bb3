import type { Command, Group } from './common';

/**
 * The command table: each command's module, imported only when that command runs, so
 * `turnout --help` loads nothing more, `status` only the HTTP client, and only `serve`
 * loads SQLite and the proxy. The CLI dispatches through it and `turnout completion`
 * generates the shell scripts from it, so the two cannot list different commands.
 * A name starting with "__" is for the scripts, not for people: no help, no completion.
 */
export const COMMANDS: Record<string, () => Promise<Command | Group>> = {
  serve: async () => (await import('./serve')).serve,
  status: async () => (await import('./traffic')).status,
  ratio: async () => (await import('./traffic')).ratio,
  undo: async () => (await import('./traffic')).undo,
  history: async () => (await import('./traffic')).history,
  metrics: async () => (await import('./metrics')).metrics,
  pause: async () => (await import('./pause')).pause,
  resume: async () => (await import('./pause')).resume,
  probe: async () => (await import('./probe')).probeCommand,
  logs: async () => (await import('./logs')).logs,
  env: async () => {
    const { ENV_USAGE, ENV_COMMANDS } = await import('./logs');
    return { usage: ENV_USAGE, commands: ENV_COMMANDS };
  },
  adopt: async () => (await import('./adopt')).adoptCommand,
  export: async () => (await import('./export')).exportCommand,
  preset: async () => {
    const { PRESET_USAGE, PRESET_COMMANDS } = await import('./presets');
    return { usage: PRESET_USAGE, commands: PRESET_COMMANDS };
  },
  profile: async () => {
    const { PROFILE_USAGE, PROFILE_COMMANDS } = await import('./profiles');
    return { usage: PROFILE_USAGE, commands: PROFILE_COMMANDS };
  },
  update: async () => {
    const { UPDATE_USAGE, UPDATE_COMMANDS } = await import('./update');
    return { usage: UPDATE_USAGE, commands: UPDATE_COMMANDS };
  },
  demo: async () => {
    const { DEMO_USAGE, DEMO_COMMANDS } = await import('./demo');
    return { usage: DEMO_USAGE, commands: DEMO_COMMANDS };
  },
  tls: async () => {
    const { TLS_USAGE, TLS_COMMANDS } = await import('./tls');
    return { usage: TLS_USAGE, commands: TLS_COMMANDS };
  },
  requests: async () => (await import('./requests')).requests,
  replay: async () => (await import('./replay')).replay,
  shadow: async () => {
    const { SHADOW_USAGE, SHADOW_COMMANDS } = await import('./shadow');
    return { usage: SHADOW_USAGE, commands: SHADOW_COMMANDS };
  },
  completion: async () => (await import('./completion')).completion,
  __complete: async () => (await import('./complete-words')).completeWords,
};

export const isGroup = (target: Command | Group): target is Group => 'commands' in target;

/** The commands people type (and the shell completes): all but the hidden ones. */
export const PUBLIC_COMMANDS = Object.keys(COMMANDS).filter((name) => !name.startsWith('__'));
