import net from 'node:net';

/** A port free on 127.0.0.1 right now (bound and released), for a profile's fixed listen address. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * `count` ports free on 127.0.0.1 right now, all different: each is held until every one is
 * picked. Calling freePort() in a row can hand back the same port twice, and HAProxy (which
 * binds with SO_REUSEPORT) then serves a frontend and a stats socket on one port.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => net.createServer());
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
