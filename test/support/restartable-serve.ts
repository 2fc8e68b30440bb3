import path from 'node:path';
import { createHttpClient, type FetchLike } from '../../shared/contract/http';
import type { ContractClient } from '../../shared/contract/methods';
import { startServe, type ServeProcess } from './turnout-process';

/**
 * `turnout serve` (the built CLI) on one database in `dir`, which a test kills with SIGKILL
 * and starts again on the same database: what a crash of Turnout leaves, and what it finds.
 */
export class RestartableServe {
  process: ServeProcess | undefined;

  constructor(
    private readonly dir: string,
    private readonly token: string,
  ) {}

  /** Starts serve (listen and admin on free ports) and returns a contract client for it. */
  async boot(extra: string[] = []): Promise<ContractClient> {
    this.process = await startServe(['--db', path.join(this.dir, 't.db'), '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0', ...extra], { XDG_DATA_HOME: this.dir, TURNOUT_ADMIN: '', TURNOUT_TOKEN: this.token });
    return createHttpClient({ baseUrl: this.process.adminUrl, token: this.token, source: 'cli', fetch: fetch as unknown as FetchLike });
  }

  /** kill -9, then the same serve again on the same database. */
  async crashAndRestart(): Promise<ContractClient> {
    const child = this.process!.child;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    return this.boot();
  }

  async stop(): Promise<void> {
    await this.process?.stop();
    this.process = undefined;
  }
}
