import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { ListenError } from './listen';

// BlockList also matches the other spellings of these (0:0:0:0:0:0:0:1, ::ffff:127.0.0.1),
// which a hand-written comparison would miss.
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

const WILDCARD = new BlockList();
WILDCARD.addAddress('0.0.0.0', 'ipv4');
WILDCARD.addAddress('::', 'ipv6');

export type LoopbackVerdict = { loopback: true } | { loopback: false; why: string };

function matches(list: BlockList, ip: string): boolean {
  const family = isIP(ip);
  return family !== 0 && list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

export const isLoopbackIp = (ip: string): boolean => matches(LOOPBACK, ip);
/** 0.0.0.0 or ::, "every interface": a listener there is reachable on every address the machine has. */
export const isWildcardIp = (ip: string): boolean => matches(WILDCARD, ip);

/**
 * Whether a listener on `host` is reachable from this machine only, given what `host`
 * resolves to (see hostAddresses). Every address must be loopback: a name with one LAN
 * address among its loopback ones may bind that one.
 */
export function loopbackVerdict(host: string, addresses: readonly string[]): LoopbackVerdict {
  if (isWildcardIp(host)) return { loopback: false, why: `${host} is every interface of this machine` };
  if (addresses.length === 0) return { loopback: false, why: `${host} resolves to no address` };
  const outside = addresses.find((address) => !isLoopbackIp(address));
  if (outside === undefined) return { loopback: true };
  if (isIP(host)) return { loopback: false, why: `${host} is not a loopback address` };
  return { loopback: false, why: `${host} resolves to ${outside}${isWildcardIp(outside) ? ', every interface' : ''}` };
}

/**
 * The addresses a listener on `host` may bind: an IP as written, a name as the system
 * resolver answers it (hosts file, then DNS), as `listen()` itself resolves it.
 */
export async function hostAddresses(host: string): Promise<string[]> {
  if (isIP(host)) return [host];
  try {
    return (await lookup(host, { all: true })).map((entry) => entry.address);
  } catch (error) {
    throw new ListenError(`${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'lookup failed'}): name an address of this machine`);
  }
}

/** A host a browser on this machine can open for a listener on `host`: never 0.0.0.0 or ::. */
export function browsableHost(host: string): string {
  if (!isWildcardIp(host)) return host;
  return isIP(host) === 4 ? '127.0.0.1' : '::1';
}
