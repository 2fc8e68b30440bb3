import type { ProfileDetail, ProfileSummary } from '../../../shared/contract/methods';
import type { ProbeResult } from '../../../shared/contract/state';
import type { HealthCheck } from '../../../shared/domain/health-settings';
import type { Profile } from '../../../shared/domain/profile';
import type { ProfileFile } from '../../../shared/domain/profile-file';
import type { PanelBridge } from '../bridge/panel-bridge';
import { errorText } from './error-text';
import type { SliceCreator } from './turnout-store';

/**
 * The profile list and the calls that change profiles. Each call throws its error to the
 * caller (forms show it inline) and refreshes the list afterwards.
 */
export interface ProfilesSlice {
  profiles: ProfileSummary[] | null;
  profilesError: string | null;
  refreshProfiles(): Promise<void>;
  getProfileDetail(name: string): Promise<ProfileDetail>;
  /** One health probe of an environment of the active profile now, with `health` (unsaved) or its saved settings. */
  probeEnvironment(name: string, health?: HealthCheck): Promise<ProbeResult>;
  createProfile(profile: Profile): Promise<void>;
  updateProfile(name: string, profile: Profile): Promise<void>;
  duplicateProfile(name: string, newName: string): Promise<void>;
  deleteProfile(name: string): Promise<void>;
  switchProfile(name: string): Promise<void>;
  exportProfiles(names?: string[]): Promise<ProfileFile>;
  importProfiles(file: ProfileFile, overwrite: boolean): Promise<string[]>;
}

export const createProfilesSlice =
  (bridge: PanelBridge): SliceCreator<ProfilesSlice> =>
  (set, get) => {
    const thenRefresh = async <T>(call: Promise<T>): Promise<T> => {
      try {
        return await call;
      } finally {
        void get().refreshProfiles();
      }
    };
    return {
      profiles: null,
      profilesError: null,
      async refreshProfiles() {
        try {
          set({ profiles: await bridge.listProfiles({}), profilesError: null });
        } catch (error) {
          set({ profilesError: errorText(error) });
        }
      },
      getProfileDetail: (name) => bridge.getProfile({ name }),
      probeEnvironment: (name, health) => bridge.probeEnvironment(health ? { name, health } : { name }),
      async createProfile(profile) {
        await thenRefresh(bridge.createProfile({ profile }));
      },
      async updateProfile(name, profile) {
        await thenRefresh(bridge.updateProfile({ name, profile }));
      },
      async duplicateProfile(name, newName) {
        await thenRefresh(bridge.duplicateProfile({ name, newName }));
      },
      async deleteProfile(name) {
        await thenRefresh(bridge.deleteProfile({ name }));
      },
      async switchProfile(name) {
        get().receiveState(await thenRefresh(bridge.switchProfile({ name })));
      },
      exportProfiles: (names) => bridge.exportProfiles(names ? { names } : {}),
      async importProfiles(file, overwrite) {
        return (await thenRefresh(bridge.importProfiles({ file, overwrite }))).imported;
      },
    };
  };
