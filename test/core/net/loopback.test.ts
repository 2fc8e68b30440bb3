import { describe, expect, it } from 'vitest';
import { browsableHost, hostAddresses, isLoopbackIp, loopbackVerdict } from '../../../electron/core/net/loopback';

describe('loopbackVerdict: is a listener on this host reachable from this machine only?', () => {
  it.each([
    ['127.0.0.1', ['127.0.0.1']],
    ['127.1.2.3', ['127.1.2.3']],
    ['::1', ['::1']],
    ['0:0:0:0:0:0:0:1', ['0:0:0:0:0:0:0:1']],
    ['::ffff:127.0.0.1', ['::ffff:127.0.0.1']],
    ['localhost', ['127.0.0.1', '::1']],
  ])('%s is loopback', (host, addresses) => {
    expect(loopbackVerdict(host, addresses)).toEqual({ loopback: true });
  });

  it.each([
    ['0.0.0.0', ['0.0.0.0'], '0.0.0.0 is every interface of this machine'],
    ['::', ['::'], ':: is every interface of this machine'],
    ['192.168.1.5', ['192.168.1.5'], '192.168.1.5 is not a loopback address'],
    ['fd00::2', ['fd00::2'], 'fd00::2 is not a loopback address'],
    ['::ffff:10.0.0.1', ['::ffff:10.0.0.1'], '::ffff:10.0.0.1 is not a loopback address'],
    // One LAN address among loopback ones is enough: listen() may bind that one.
    ['lan.example', ['127.0.0.1', '192.168.1.5'], 'lan.example resolves to 192.168.1.5'],
    ['anywhere.example', ['0.0.0.0'], 'anywhere.example resolves to 0.0.0.0, every interface'],
    ['empty.example', [], 'empty.example resolves to no address'],
  ])('%s is not loopback', (host, addresses, why) => {
    expect(loopbackVerdict(host, addresses)).toEqual({ loopback: false, why });
  });

  it('is false for anything that is not an IP', () => {
    expect(isLoopbackIp('localhost')).toBe(false);
    expect(isLoopbackIp('')).toBe(false);
  });
});

describe('hostAddresses: what listen() would bind', () => {
  it('takes an IP as written, without asking the resolver', async () => {
    expect(await hostAddresses('0.0.0.0')).toEqual(['0.0.0.0']);
    expect(await hostAddresses('::1')).toEqual(['::1']);
  });

  it('resolves localhost (the hosts file, no network) to loopback only', async () => {
    const addresses = await hostAddresses('localhost');
    expect(addresses.length).toBeGreaterThan(0);
    expect(loopbackVerdict('localhost', addresses)).toEqual({ loopback: true });
  });
});

describe('browsableHost: the panel link a browser can open', () => {
  it.each([
    ['0.0.0.0', '127.0.0.1'],
    ['::', '::1'],
    ['127.0.0.1', '127.0.0.1'],
    ['localhost', 'localhost'],
    ['192.168.1.5', '192.168.1.5'],
  ])('%s → %s', (host, browsable) => {
    expect(browsableHost(host)).toBe(browsable);
  });
});
