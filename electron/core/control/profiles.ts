import { loadTlsFiles, TlsFileError } from '../net/tls-files';
import { ContractError } from '../../../shared/contract/errors';
import type { ProfileDetail, ProfileSummary } from '../../../shared/contract/methods';
import type { ChangeSource } from '../../../shared/contract/state';
import { presetsOf } from '../../../shared/domain/presets';
import type { Profile } from '../../../shared/domain/profile';
import { makeProfileFile, type ProfileFile } from '../../../shared/domain/profile-file';
import { withUnconfirmedCommands } from '../../../shared/domain/update-plan';
import { withUnconfirmedManaged } from '../../../shared/domain/managed';
import type { Store } from '../store/store';
import type { HistoryLog } from './history-log';

/**
 * Profile rules over the store: names unique, the active profile never deleted or
 * overwritten by an import, every change written with its history entry. The running
 * side (re-binding the listener) stays in the control service.
 */
export class ProfileCatalog {
  constructor(
    private readonly store: Store,
    private readonly log: HistoryLog,
  ) {}

  summaries(): ProfileSummary[] {
    return this.store.profiles.list().map(({ profile, active, updatedAt }) => ({
      name: profile.name,
      active,
      listen: profile.listen,
      routing: profile.routing,
      demo: profile.demo,
      weights: Object.fromEntries(profile.environments.map((env) => [env.name, env.weight])),
      updatedAt,
    }));
  }

  names(): string[] {
    return this.store.profiles.names();
  }

  require(name: string): Profile {
    const profile = this.store.profiles.get(name);
    if (!profile) throw new ContractError('NOT_FOUND', `no profile named "${name}" (see: turnout profile list)`);
    return profile;
  }

  detail(profile: Profile, activeName: string): ProfileDetail {
    return { profile, active: profile.name === activeName, presets: presetsOf(profile) };
  }

  create(profile: Profile, source: ChangeSource): Profile {
    this.requireFree(profile.name);
    checkTlsFiles(profile);
    this.log.commit((record) => {
      this.store.profiles.create(profile);
      record({ source, kind: 'profile', action: 'create', profile: profile.name, before: null, after: profile });
    });
    return profile;
  }

  /** Checks an update can be stored (the profile exists, a new name is free) and returns the old profile. */
  checkUpdate(name: string, profile: Profile): Profile {
    const before = this.require(name);
    if (profile.name !== name) this.requireFree(profile.name);
    checkTlsFiles(profile);
    return before;
  }

  update(name: string, profile: Profile, source: ChangeSource): void {
    const before = this.checkUpdate(name, profile);
    this.log.commit((record) => {
      this.store.profiles.replace(name, profile);
      record({ source, kind: 'profile', action: name === profile.name ? 'update' : `rename ${name}`, profile: profile.name, before, after: profile });
    });
  }

  remove(name: string, activeName: string, source: ChangeSource): void {
    const before = this.require(name);
    if (name === activeName) throw new ContractError('CONFLICT', `"${name}" is the active profile; switch to another one first`);
    this.log.commit((record) => {
      this.store.profiles.delete(name);
      record({ source, kind: 'profile', action: 'delete', profile: name, before, after: null });
    });
  }

  duplicate(name: string, newName: string, source: ChangeSource): Profile {
    const copy = { ...this.require(name), name: newName };
    this.requireFree(newName);
    this.log.commit((record) => {
      this.store.profiles.create(copy);
      record({ source, kind: 'profile', action: `duplicate ${name}`, profile: newName, before: null, after: copy });
    });
    return copy;
  }

  exportFile(names: string[] | undefined): ProfileFile {
    const profiles = names ? names.map((name) => this.require(name)) : this.store.profiles.list().map((stored) => stored.profile);
    return makeProfileFile(profiles);
  }

  /** All or nothing: any conflict refuses the whole file before anything is written. */
  importFile(file: ProfileFile, overwrite: boolean, activeName: string, source: ChangeSource): string[] {
    const existing = new Set(this.store.profiles.names());
    const clashing = file.profiles.map((profile) => profile.name).filter((name) => existing.has(name));
    if (clashing.includes(activeName) && overwrite) {
      throw new ContractError('CONFLICT', `the file would overwrite the active profile "${activeName}"; switch to another one first`);
    }
    if (clashing.length > 0 && !overwrite) {
      throw new ContractError('CONFLICT', `profiles already exist: ${clashing.join(', ')} (import with overwrite to replace them)`);
    }
    this.log.commit((record) => {
      const before = new Map(clashing.map((name) => [name, this.store.profiles.get(name)]));
      // A command in someone else's file runs only after this user confirms it once.
      const profiles = file.profiles.map((profile) => withUnconfirmedManaged(withUnconfirmedCommands(profile)));
      this.store.profiles.putMany(profiles);
      for (const profile of profiles) {
        record({ source, kind: 'profile', action: 'import', profile: profile.name, before: before.get(profile.name) ?? null, after: profile });
      }
    });
    return file.profiles.map((profile) => profile.name);
  }

  private requireFree(name: string): void {
    if (this.store.profiles.get(name)) throw new ContractError('CONFLICT', `a profile named "${name}" already exists`);
  }
}

/** The user's own certificate and key are checked when stored, not only when the profile starts: a bad pair is refused in one line naming the file. */
function checkTlsFiles(profile: Profile): void {
  const { tls } = profile;
  if (!tls.enabled || tls.certFile === undefined || tls.keyFile === undefined) return;
  try {
    loadTlsFiles({ certFile: tls.certFile, keyFile: tls.keyFile });
  } catch (error) {
    if (error instanceof TlsFileError) throw new ContractError('INVALID_INPUT', error.message);
    throw error;
  }
}
