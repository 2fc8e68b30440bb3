import os from 'node:os';

type Interfaces = ReturnType<typeof os.networkInterfaces>;

/**
 * This machine's addresses others on the network can reach: IPv4, not loopback, not
 * link-local (169.254.x.x: no phone in the room gets one of those), in interface order.
 * What a room opens the demo on once the proxy listens on every interface.
 */
export function lanAddresses(interfaces: Interfaces = os.networkInterfaces()): string[] {
  const found: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const address of list ?? []) {
      if (address.family !== 'IPv4' || address.internal || address.address.startsWith('169.254.')) continue;
      found.push(address.address);
    }
  }
  return found;
}
