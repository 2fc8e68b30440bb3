import { listenAddressSchema, splitListen } from '../../shared/domain/profile';
import { ListenError } from '../core/net/listen';
import { browsableHost, hostAddresses, loopbackVerdict } from '../core/net/loopback';

export const ALLOW_REMOTE_ADMIN_FLAG = '--allow-remote-admin';

/** The admin address reaches beyond this machine and the user did not ask for that. */
export class AdminExposureError extends ListenError {
  override name = 'AdminExposureError';
}

export interface AdminAddress {
  host: string;
  port: number;
  /** Reachable from other machines: only ever true when the user allowed it. */
  remote: boolean;
}

/**
 * Where the admin API may listen. The token it guards can change the traffic and run a
 * profile's update command (a shell command on this machine), so an address other machines
 * reach is refused unless `allowRemote`. Call it before anything is stored or bound.
 */
export async function checkAdminAddress(admin: string, allowRemote: boolean): Promise<AdminAddress> {
  const parsed = listenAddressSchema.safeParse(admin);
  if (!parsed.success) throw new ListenError(`admin address "${admin}": ${parsed.error.issues[0]?.message ?? 'must be host:port'}`);
  const { host, port } = splitListen(admin);
  const verdict = loopbackVerdict(host, await hostAddresses(host));
  if (verdict.loopback) return { host, port, remote: false };
  if (!allowRemote) {
    throw new AdminExposureError(
      `admin address ${admin} is not loopback (${verdict.why}): whoever reaches it with the token can change the traffic and run update commands on this machine. Use 127.0.0.1:${port}, or, to expose it knowingly, add ${ALLOW_REMOTE_ADMIN_FLAG} to turnout serve.`,
    );
  }
  return { host, port, remote: true };
}

/**
 * Said on every start with a remote admin address (`admin` as bound). Turnout has no TLS
 * listener yet; once it has, a remote admin address should require it instead.
 */
export function remoteAdminWarning(admin: AdminAddress): string {
  const where = `${bracketed(admin.host)}:${admin.port}`;
  return `WARNING: the admin API and control panel listen on ${where}, reachable from other machines (${ALLOW_REMOTE_ADMIN_FLAG}). It is plain HTTP: the token and every change travel in clear text, and whoever reads the token can change the traffic and run update commands on this machine.`;
}

/** The panel's URL on this machine (a wildcard bind is opened on loopback). */
export function adminUrlFor(host: string, port: number): string {
  return `http://${bracketed(browsableHost(host))}:${port}`;
}

const bracketed = (host: string): string => (host.includes(':') ? `[${host}]` : host);
