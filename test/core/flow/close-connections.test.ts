import type http from 'node:http';
import net from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { startBackend, type Backend } from '../../support/backends';
import { eventually, startPlane, type RunningPlane } from '../../support/data-plane';

let running: { plane?: RunningPlane; backends: Backend[] } = { backends: [] };
afterEach(async () => {
  await running.plane?.plane.stop();
  for (const backend of running.backends) await backend.close();
  running = { backends: [] };
});

/** A backend that accepts WebSocket upgrades and keeps the tunnel open. */
async function upgradeBackend(name: string): Promise<Backend> {
  const backend = await startBackend(name);
  const upgraded = new Set<net.Socket>();
  backend.server.on('upgrade', (_req: http.IncomingMessage, socket: net.Socket) => {
    upgraded.add(socket);
    socket.on('error', () => undefined);
    socket.write('HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: upgrade\r\n\r\n');
  });
  // closeAllConnections does not reach upgraded sockets: without this, close would wait forever.
  const close = backend.close;
  backend.close = () => {
    for (const socket of upgraded) socket.destroy();
    return close();
  };
  return backend;
}

function openTunnel(port: number, env: string): Promise<net.Socket> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () =>
      socket.write(`GET / HTTP/1.1\r\nhost: x\r\nupgrade: websocket\r\nconnection: upgrade\r\nx-turnout-env: ${env}\r\n\r\n`),
    );
    socket.once('data', () => resolve(socket));
  });
}

it('closeConnections closes only that environment\'s WebSockets, and then it counts as drained', async () => {
  const blue = await upgradeBackend('blue');
  const green = await upgradeBackend('green');
  running.backends.push(blue, green);
  running.plane = await startPlane({ environments: [{ name: 'blue', url: blue.url, weight: 0 }, { name: 'green', url: green.url, weight: 100 }] });
  const { plane, port } = running.plane;
  const blueSockets = [await openTunnel(port, 'blue'), await openTunnel(port, 'blue')];
  const greenSocket = await openTunnel(port, 'green');
  expect([plane.status('blue').openWebSockets, plane.status('blue').drained]).toEqual([2, false]);
  const closed = blueSockets.map((socket) => new Promise((resolve) => socket.once('close', resolve)));

  expect(plane.closeConnections('blue')).toBe(2);
  await Promise.all(closed);
  expect(await eventually(() => plane.status('blue').drained, 2000)).toBe(true);
  expect([greenSocket.destroyed, plane.status('green').openWebSockets]).toEqual([false, 1]);
  greenSocket.destroy();
});
