import fs from 'node:fs';
import path from 'node:path';
import { nginxConfig, nginxStandaloneConfig } from '../../../shared/domain/export/nginx';
import { resolveConfig, type DataPlaneConfig, type DataPlaneEnvironment } from '../data-plane-config';
import { EngineProcess, freePort } from './engine-process';
import { EnginePlane } from './engine-plane';
import type { PlaneLike } from './plane';

/**
 * nginx as the data plane. Open-source nginx cannot change upstream weights at run time,
 * so every change rewrites nginx.conf, checks it with `nginx -t` and reloads: new workers
 * take the new ratio while old ones finish, and keep-alive clients of the old workers may
 * see their connection closed (NGINX_RELOAD_WARNING; measured in nginx-plane.test.ts).
 * nginx reports no per-server counters, so status shows configuration, not live traffic.
 */
export class NginxPlane extends EnginePlane implements PlaneLike {
  constructor(onLiveChange: () => void = () => undefined, binary = 'nginx') {
    super('turnout-nginx-', onLiveChange, binary);
  }

  async start(host: string, port: number, config: DataPlaneConfig | readonly DataPlaneEnvironment[]): Promise<string> {
    this.setListen(host, port === 0 ? await freePort(host) : port);
    this.config = resolveConfig(config);
    await this.writeChecked();
    this.engine = await EngineProcess.start({ binary: this.binary, args: [...this.paths(), '-g', 'daemon off;'], softStop: 'SIGQUIT', ...this.listen });
    this.trackWeights();
    return this.url;
  }

  /** Every change is a checked config and a reload (in order; `settled` awaits them). */
  apply(config: DataPlaneConfig | readonly DataPlaneEnvironment[]): void {
    this.config = resolveConfig(config);
    this.trackWeights();
    const snapshot = this.config;
    this.enqueue(async () => {
      await this.writeChecked(snapshot);
      await this.check('nginx -s reload', [...this.paths(), '-s', 'reload']);
    });
  }

  get configFile(): string {
    return path.join(this.dir, 'nginx.conf');
  }

  async stop(): Promise<void> {
    await this.drainQueueForStop();
    const engine = this.engine;
    this.engine = undefined;
    // SIGQUIT: graceful shutdown, in-flight requests finish.
    await engine?.stop('SIGQUIT');
    this.removeFiles();
  }

  private paths(): string[] {
    return ['-p', this.dir, '-c', this.configFile];
  }

  private async writeChecked(config = this.config): Promise<void> {
    fs.writeFileSync(this.configFile, nginxStandaloneConfig(nginxConfig(this.source(config)), this.dir));
    await this.check('nginx -t', ['-t', '-q', ...this.paths()]);
  }
}
