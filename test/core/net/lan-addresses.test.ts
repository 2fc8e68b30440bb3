import type os from 'node:os';
import { describe, expect, it } from 'vitest';
import { lanAddresses } from '../../../electron/core/net/lan-addresses';

describe('lanAddresses: where a room can open the demo', () => {
  it('keeps IPv4 addresses others can reach, in interface order; never loopback, link-local or IPv6', () => {
    const entry = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({ address, family, internal, netmask: '', mac: '', cidr: null }) as os.NetworkInterfaceInfo;
    const interfaces = {
      lo: [entry('127.0.0.1', 'IPv4', true), entry('::1', 'IPv6', true)],
      eth0: [entry('192.168.1.20', 'IPv4'), entry('fe80::1', 'IPv6')],
      wlan0: [entry('169.254.3.4', 'IPv4'), entry('10.0.0.7', 'IPv4')],
      down: undefined,
    };
    expect(lanAddresses(interfaces)).toEqual(['192.168.1.20', '10.0.0.7']);
  });

  it('reads this machine\'s interfaces when given none (loopback never among them)', () => {
    expect(lanAddresses().every((address) => !address.startsWith('127.'))).toBe(true);
  });
});
