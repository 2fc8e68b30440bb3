import type { HaproxyAttach } from '../../../shared/domain/haproxy-attach';
import { runtimeCommand } from './haproxy-runtime';
import { parseServersState } from './haproxy-servers-state';

/**
 * What Turnout reads before it steers an HAProxy it did not start: the socket's level
 * (`show cli level`; weights need admin), the backend and its servers (`show servers
 * state`). Each refusal is one line naming what to fix, and nothing has been changed.
 */
export async function checkAttach(mode: HaproxyAttach, environments: readonly string[]): Promise<void> {
  const ask = (command: string): Promise<string> => askRuntime(mode.socket, command);
  const level = (await ask('show cli level')).trim();
  if (level !== 'admin') {
    throw new Error(`the HAProxy runtime API at ${mode.socket} is at level "${level || 'unknown'}": setting weights needs "stats socket … level admin"`);
  }
  const servers = parseServersState(await ask(`show servers state ${mode.backend}`));
  if (!servers) throw new Error(`HAProxy at ${mode.socket} has no backend "${mode.backend}"`);
  const present = new Set(servers.map((row) => row.server));
  for (const env of environments) {
    const server = mode.servers[env];
    if (server === undefined) throw new Error(`environment "${env}" has no HAProxy server: add --haproxy-server ${env}=SERVER`);
    if (!present.has(server)) throw new Error(`HAProxy backend "${mode.backend}" has no server "${server}" (for ${env}); it has: ${[...present].join(', ') || 'none'}`);
  }
}

/** A runtime-API command whose connection failure reads as one line naming the address. */
export async function askRuntime(address: string, command: string): Promise<string> {
  try {
    return await runtimeCommand(address, command);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot reach the HAProxy runtime API at ${address}: ${code ?? (error as Error).message}`);
  }
}
