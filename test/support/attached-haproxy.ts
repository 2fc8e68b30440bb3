import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { EngineProcess } from '../../electron/core/external/engine-process';
import { runtimeCommand } from '../../electron/core/external/haproxy-runtime';
import { startBackend, type Backend } from './backends';
import { HAPROXY } from './external-tools';
import { freePorts } from './ports';

/**
 * An HAProxy "that already runs elsewhere": its config written here by the test (never by
 * Turnout), a backend `web` with one server per environment, and runtime API sockets at
 * each level: a unix path in `dir`, TCP admin, TCP operator and TCP user.
 */
export interface AttachedHaproxy {
  url: string;
  unixSocket: string;
  admin: string;
  operator: string;
  user: string;
  stop(): Promise<void>;
}

export async function startAttachedHaproxy(dir: string, servers: Record<string, string>): Promise<AttachedHaproxy> {
  const [port, admin, operator, user] = (await freePorts(4)) as [number, number, number, number];
  const unixSocket = path.join(dir, 'admin.sock');
  const lines = [
    'global',
    `  stats socket ${unixSocket} level admin`,
    `  stats socket ipv4@127.0.0.1:${admin} level admin`,
    `  stats socket ipv4@127.0.0.1:${operator} level operator`,
    `  stats socket ipv4@127.0.0.1:${user} level user`,
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 30s',
    '  timeout server 30s',
    '  option http-keep-alive',
    'frontend fe',
    `  bind 127.0.0.1:${port}`,
    '  default_backend web',
    'backend web',
    '  balance roundrobin',
    '  http-reuse safe',
    // Quick checks, but one slow answer on a busy two-core machine (a check times out at `inter`
    // otherwise) must not take a server down: with every other server at weight 0 that is a 503.
    '  timeout check 1s',
    ...Object.entries(servers).map(([name, url]) => `  server ${name} ${new URL(url).host} weight 50 check inter 200 rise 1 fall 3`),
  ];
  const file = path.join(dir, 'staging.cfg');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  const engine = await EngineProcess.start({ binary: HAPROXY, args: ['-db', '-f', file], softStop: 'SIGUSR1', host: '127.0.0.1', port });
  return {
    url: `http://127.0.0.1:${port}`,
    unixSocket,
    admin: `127.0.0.1:${admin}`,
    operator: `127.0.0.1:${operator}`,
    user: `127.0.0.1:${user}`,
    stop: () => engine.stop('SIGUSR1'),
  };
}

/** A TCP relay to the runtime API, as an SSH tunnel would be: closing it takes the socket away. */
export interface Tunnel {
  address: string;
  close(): Promise<void>;
  reopen(): Promise<void>;
}

export async function startTunnel(target: string): Promise<Tunnel> {
  const [host, port] = [target.split(':')[0]!, Number(target.split(':')[1])];
  const sockets = new Set<net.Socket>();
  let server: net.Server;
  let listenPort = 0;
  const open = async (): Promise<void> => {
    server = net.createServer((client) => {
      const upstream = net.connect(port, host);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
    listenPort = (server.address() as net.AddressInfo).port;
  };
  await open();
  return {
    address: `127.0.0.1:${listenPort}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
    reopen: open,
  };
}

/** One server as `show servers state` tells it: the weight set through the runtime API, admin state bits, operational state. */
export interface ServerRow {
  weight: number;
  /** srv_admin_state: 0x01 forced maint, 0x08 drain; 0 ready. */
  admin: number;
  /** srv_op_state: 0 stopped (down), 2 running. */
  op: number;
}

/** `show servers state BACKEND` read straight from HAProxy (not through Turnout), by server name. */
export async function serversState(address: string, backend: string): Promise<Record<string, ServerRow>> {
  const text = await runtimeCommand(address, `show servers state ${backend}`);
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const columns = lines.find((line) => line.startsWith('# '))!.slice(2).split(' ');
  const rows = lines.filter((line) => /^\d/.test(line) && line.includes(' '));
  return Object.fromEntries(
    rows.map((line) => {
      const cells = line.split(' ');
      const cell = (name: string): number => Number(cells[columns.indexOf(name)]);
      return [cells[columns.indexOf('srv_name')]!, { weight: cell('srv_uweight'), admin: cell('srv_admin_state'), op: cell('srv_op_state') }];
    }),
  );
}

/** A backend that names itself in X-Served-By (HAProxy's config is the team's, not Turnout's); `/slow` answers after 800 ms. */
export function namedBackend(name: string): Promise<Backend> {
  return startBackend(name, (req, res) => {
    const answer = (): void => {
      res.writeHead(200, { 'x-served-by': name, 'content-type': 'text/plain' });
      res.end(name);
    };
    if (req.url === '/slow') setTimeout(answer, 800);
    else answer();
  });
}

export interface AttachedSetup {
  blue: Backend;
  green: Backend;
  haproxy: AttachedHaproxy;
  stop(): Promise<void>;
}

/** Two named backends, blue and green, behind an attached HAProxy as its servers `servers[0]` and `servers[1]`. */
export async function startAttachedSetup(dir: string, servers: [string, string] = ['app-1', 'app-2']): Promise<AttachedSetup> {
  const blue = await namedBackend('blue');
  const green = await namedBackend('green');
  const haproxy = await startAttachedHaproxy(dir, { [servers[0]]: blue.url, [servers[1]]: green.url });
  return {
    blue,
    green,
    haproxy,
    stop: async () => {
      await haproxy.stop();
      await blue.close();
      await green.close();
    },
  };
}
