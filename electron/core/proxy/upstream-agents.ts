import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { proxySettingsSchema, type ProxySettings } from '../../../shared/domain/health-settings';
import { CONNECT_TIMEOUT, upstreamError } from './upstream-errors';

export type ForwarderTimeouts = Pick<ProxySettings, 'connectTimeoutMs' | 'responseTimeoutMs' | 'idleTimeoutMs'>;
export const PROXY_DEFAULTS: ProxySettings = proxySettingsSchema.parse({});

type CreateConnection = (options: object, callback?: (error: Error | null, socket: Socket) => void) => Socket;

/**
 * One keep-alive agent per upstream: without one, Node sends `Connection: close` upstream and
 * every request pays a new connection. The connect timeout lives here, per new connection,
 * so kept-alive requests pay no timer at all.
 */
export class UpstreamAgents {
  private readonly agents = new Map<string, http.Agent>();
  private timeouts: ForwarderTimeouts = PROXY_DEFAULTS;

  configure(timeouts: ForwarderTimeouts): void {
    const changed = timeouts.connectTimeoutMs !== this.timeouts.connectTimeoutMs || timeouts.idleTimeoutMs !== this.timeouts.idleTimeoutMs;
    this.timeouts = { ...timeouts };
    // Agents capture their timeouts: new requests get new agents; old ones finish their requests.
    if (changed) {
      for (const agent of this.agents.values()) retire(agent);
      this.agents.clear();
    }
  }

  agentFor(url: string): http.Agent {
    let agent = this.agents.get(url);
    if (!agent) {
      agent = this.createAgent(url);
      this.agents.set(url, agent);
    }
    return agent;
  }

  retain(urls: readonly string[]): void {
    for (const [url, agent] of this.agents) {
      if (!urls.includes(url)) {
        retire(agent);
        this.agents.delete(url);
      }
    }
  }

  /** Closes the idle kept-alive sockets to one upstream now; running requests keep theirs. */
  release(url: string): void {
    const agent = this.agents.get(url);
    if (agent) retire(agent);
  }

  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  private createAgent(url: string): http.Agent {
    // `timeout` closes idle pooled sockets; Node also honours a shorter Keep-Alive hint from the upstream.
    const options = { keepAlive: true, maxSockets: 256, maxFreeSockets: 64, scheduling: 'lifo' as const, timeout: this.timeouts.idleTimeoutMs };
    const agent = url.startsWith('https:') ? new https.Agent(options) : new http.Agent(options);
    const connectTimeoutMs = this.timeouts.connectTimeoutMs;
    const base = (agent as unknown as { createConnection: CreateConnection }).createConnection.bind(agent);
    (agent as unknown as { createConnection: CreateConnection }).createConnection = (connectOptions, callback) => {
      const socket = base(connectOptions, callback);
      const timer = setTimeout(() => socket.destroy(upstreamError(CONNECT_TIMEOUT, `no connection within ${connectTimeoutMs} ms`)), connectTimeoutMs);
      timer.unref();
      const clear = (): void => clearTimeout(timer);
      socket.once('connect', clear);
      socket.once('close', clear);
      return socket;
    };
    return agent;
  }
}

/**
 * Closes an agent's idle sockets now; requests still running keep theirs, and those sockets
 * close on the agent's idle timeout once freed. (agent.destroy() would cut running requests.)
 */
function retire(agent: http.Agent): void {
  for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
}
