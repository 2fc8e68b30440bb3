import { main, type CliIo } from '../../electron/server/cli';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs one `turnout` command in this process against a running admin API, capturing its
 * output: the CLI's real code path without starting a process per command.
 */
export async function runCliInProcess(args: string[], adminUrl: string, token: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line), env };
  const code = await main([...args, '--admin', adminUrl, '--token', token], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
