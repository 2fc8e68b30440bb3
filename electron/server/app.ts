import { applyOverrides, type ProfileOverrides } from '../../shared/domain/profile-overrides';
import { ControlService } from '../core/control';
import { freshDatabaseFile, StoreError } from '../core/store/database';
import { Store } from '../core/store/store';
import { checkAdminAddress, adminUrlFor, type AdminAddress } from './admin-address';
import { AdminServer } from './admin-server';
import type { PanelHandler } from './static-panel';

export interface TurnoutOptions {
  dbFile: string;
  /** host:port of the admin API: loopback, unless allowRemoteAdmin. */
  admin: string;
  /** Lets `admin` be an address other machines reach (`turnout serve --allow-remote-admin`). */
  allowRemoteAdmin?: boolean;
  token: string;
  overrides?: ProfileOverrides;
  nativeBinding?: string;
  panel?: PanelHandler;
  /** When dbFile is corrupt or from a newer Turnout: start on freshDatabaseFile(dbFile) instead of refusing. */
  freshDbOnRefusal?: boolean;
}

export interface RunningTurnout {
  control: ControlService;
  /** The panel's URL as a browser on this machine opens it (never 0.0.0.0). */
  adminUrl: string;
  /** Where the admin API listens (the bound port); `remote` when other machines reach it. */
  adminAddress: AdminAddress;
  /** The database in use: dbFile, or its fresh sibling when dbFile was refused. */
  dbFile: string;
  /** Why dbFile was refused, when a fresh file is in use. */
  refused?: StoreError;
  stop(): Promise<void>;
}

/**
 * The composition root shared by `turnout serve` and the Electron main process: store,
 * control service (proxy included) and admin API. The profile is saved only once both
 * listeners are up, so a port in use or a bad flag changes nothing stored. An admin address
 * beyond loopback is refused before the database is even opened.
 */
export async function startTurnout(options: TurnoutOptions): Promise<RunningTurnout> {
  const adminAddress = await checkAdminAddress(options.admin, options.allowRemoteAdmin === true);
  const { store, refused } = openStore(options);
  let control: ControlService | undefined;
  let admin: AdminServer | undefined;
  try {
    const stored = store.profiles.active();
    const profile = applyOverrides(stored, options.overrides ?? {});
    control = new ControlService(store, profile);
    await control.start();
    admin = new AdminServer({ control, token: options.token, ...(options.panel ? { panel: options.panel } : {}) });
    const { host, port } = adminAddress;
    const adminPort = await admin.listen(host, port);
    if (!stored || JSON.stringify(stored) !== JSON.stringify(profile)) store.profiles.saveActive(profile);
    const running = { control, admin };
    return {
      control,
      adminUrl: adminUrlFor(host, adminPort),
      adminAddress: { ...adminAddress, port: adminPort },
      dbFile: store.file,
      ...(refused ? { refused } : {}),
      async stop() {
        await running.admin.close();
        await running.control.stop();
        store.close();
      },
    };
  } catch (error) {
    await admin?.close();
    await control?.stop();
    store.close();
    throw error;
  }
}

function openStore(options: TurnoutOptions): { store: Store; refused?: StoreError } {
  const open = (file: string): Store => Store.open(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    return { store: open(options.dbFile) };
  } catch (error) {
    const refused = error instanceof StoreError && error.kind !== 'unreadable' ? error : undefined;
    if (!refused || !options.freshDbOnRefusal) throw error;
    return { store: open(freshDatabaseFile(options.dbFile)), refused };
  }
}
