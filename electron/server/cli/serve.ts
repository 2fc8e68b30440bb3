import path from 'node:path';
import { DEFAULT_ADMIN } from '../../../shared/domain/default-addresses';
import type { ProfileInput } from '../../../shared/domain/profile';
import { freshDatabaseFile, StoreError } from '../../core/store/database';
import { ALLOW_REMOTE_ADMIN_FLAG, checkAdminAddress, remoteAdminWarning } from '../admin-address';
import { startTurnout } from '../app';
import { formatState } from '../cli-output';
import { DB_FILE, defaultDataDir } from '../data-dir';
import { resolveAdminToken } from '../token';
import { expectPositionals, type Command } from './common';
import { applyDataPlaneFlags, dataPlaneFlags, hasDataPlaneChange, parseWorkers } from './data-plane-flags';
import { HAPROXY_ATTACH_FLAGS, HAPROXY_ATTACH_FLAGS_HELP } from './haproxy-attach-flags';
import { DRAIN_FLAGS, DRAIN_FLAGS_HELP, drainFlags } from './drain-flags';
import { ROUTING_FLAG_HELP, routingFlag } from './routing-flag';
import { TLS_FLAGS, TLS_FLAGS_HELP, tlsFlags } from './tls-flags';

export const serve: Command = {
  usage: `Usage: turnout serve [options]

Runs the proxy and the admin API (and serves the control panel).
  --db FILE             database file (default: $XDG_DATA_HOME/turnout/${DB_FILE})
  --fresh-db            if the database is corrupt or from a newer Turnout, start on an empty
                        "<name>.fresh.db" beside it (reused on later starts); the refused
                        file is never modified
  --listen HOST:PORT    where clients connect (stored in the profile; default 127.0.0.1:8800)
  --admin HOST:PORT     admin API and control panel (default ${DEFAULT_ADMIN}); loopback
                        only: any other address is refused unless
  ${ALLOW_REMOTE_ADMIN_FLAG}  lets --admin be an address other machines reach (0.0.0.0, a LAN
                        address). Plain HTTP: the token travels in clear text, and every
                        start says so
  --backend NAME=URL    an environment, repeat for each (stored in the active profile)
  --ratio RATIO         initial ratio (stored in the active profile)
${ROUTING_FLAG_HELP}
${DRAIN_FLAGS_HELP}
${TLS_FLAGS_HELP}
  --workers N|auto      proxy worker processes, or one per CPU core (stored in the active
                        profile; embedded engine only; default 1: inside Turnout)
  --data-plane ENGINE   embedded, haproxy, nginx, or haproxy-attach (steer an HAProxy that
                        already runs elsewhere; stored in the active profile)
${HAPROXY_ATTACH_FLAGS_HELP}

With no profile stored and no --backend, serve starts a built-in demo: two small apps on
free ports, 50/50. The admin token is TURNOUT_TOKEN, or a random one kept in the data dir.`,
  options: {
    db: { type: 'string' },
    'fresh-db': { type: 'boolean' },
    listen: { type: 'string' },
    admin: { type: 'string' },
    'allow-remote-admin': { type: 'boolean' },
    backend: { type: 'string', multiple: true },
    ratio: { type: 'string' },
    workers: { type: 'string' },
    'data-plane': { type: 'string' },
    ...HAPROXY_ATTACH_FLAGS,
    routing: { type: 'string' },
    ...DRAIN_FLAGS,
    ...TLS_FLAGS,
  },
  async run(parsed, io) {
    expectPositionals(parsed, 'serve', []);
    const { values } = parsed;
    const dbFile = path.resolve((values.db as string | undefined) ?? path.join(defaultDataDir(io.env), DB_FILE));
    const admin = (values.admin as string | undefined) ?? DEFAULT_ADMIN;
    const allowRemoteAdmin = values['allow-remote-admin'] === true;
    // startTurnout checks it too; checked here first so a refusal does not even write the token file.
    await checkAdminAddress(admin, allowRemoteAdmin);
    // --workers keeps its own override (and message); the engine flags are checked here, before anything is opened.
    const { workers: _workers, ...plane } = dataPlaneFlags(values);
    const token = resolveAdminToken(path.dirname(dbFile), io.env);
    const overrides = {
      ...(values.listen !== undefined ? { listen: values.listen as string } : {}),
      ...(values.backend !== undefined ? { backends: values.backend as string[] } : {}),
      ...(values.ratio !== undefined ? { ratio: values.ratio as string } : {}),
      ...(values.workers !== undefined ? { workers: parseWorkers(values.workers as string) } : {}),
      ...(hasDataPlaneChange(plane) ? { dataPlane: (profile: ProfileInput) => applyDataPlaneFlags(profile, plane) } : {}),
      routing: routingFlag(values),
      drain: drainFlags(values),
      ...(tlsFlags(values) !== undefined ? { tls: tlsFlags(values) } : {}),
    };
    let running;
    try {
      running = await startTurnout({ dbFile, admin, allowRemoteAdmin, token, overrides, freshDbOnRefusal: values['fresh-db'] === true });
    } catch (error) {
      if (error instanceof StoreError && error.kind !== 'unreadable') {
        throw new StoreError(error.kind, error.file, `${error.message} Or run again with --fresh-db to start on ${freshDatabaseFile(dbFile)}.`);
      }
      throw error;
    }
    if (running.refused) io.err(`turnout: ${running.refused.message} Started on ${running.dbFile} instead (--fresh-db).`);
    const state = await running.control.getState();
    io.out(formatState(state));
    io.out(`Data    ${running.dbFile}`);
    io.out(`Panel   ${running.adminUrl}/#token=${token}`);
    io.out(`Token   ${token}${io.env.TURNOUT_TOKEN ? ' (from TURNOUT_TOKEN)' : ` (kept in ${path.dirname(dbFile)})`}`);
    if (running.adminAddress.remote) io.err(`turnout: ${remoteAdminWarning(running.adminAddress)}`);
    io.out('Ready. Ctrl+C stops.');
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await running.stop();
    return 0;
  },
};
