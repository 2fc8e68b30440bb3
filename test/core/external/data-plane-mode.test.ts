import { availableParallelism } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../../electron/core/control/state-snapshot';
import { Store } from '../../../electron/core/store/store';
import { dataPlaneWarning, MAX_WORKERS } from '../../../shared/domain/data-plane-mode';
import { profileSchema } from '../../../shared/domain/profile';
import { applyOverrides, OverrideError } from '../../../shared/domain/profile-overrides';
import { makeTempDir } from '../../support/temp-dir';

const base = {
  name: 'Edge',
  listen: '127.0.0.1:9000',
  routing: 'sticky',
  demo: false,
  environments: [
    { name: 'blue', color: '#2f6fed', url: 'http://127.0.0.1:3001', weight: 70 },
    { name: 'green', color: '#1f9d55', url: 'http://127.0.0.1:3002', weight: 30 },
  ],
};

describe('profile.dataPlane: which engine carries the traffic', () => {
  it('defaults to the embedded proxy, so profiles written before it still parse', () => {
    expect(profileSchema.parse(base).dataPlane).toEqual({ kind: 'embedded' });
    expect(profileSchema.safeParse({ ...base, dataPlane: { kind: 'envoy' } }).success).toBe(false);
    expect(profileSchema.safeParse({ ...base, dataPlane: { kind: 'embedded', binary: 'x' } }).success).toBe(false);
  });

  it('round-trips through the store', () => {
    const temp = makeTempDir();
    try {
      const store = Store.open(path.join(temp.dir, 'turnout.db'));
      store.profiles.saveActive(profileSchema.parse({ ...base, dataPlane: { kind: 'haproxy', binary: '/usr/sbin/haproxy' } }));
      store.profiles.create(profileSchema.parse({ ...base, name: 'Other', dataPlane: { kind: 'nginx' } }));
      store.close();
      const reopened = Store.open(path.join(temp.dir, 'turnout.db'));
      expect(reopened.profiles.get('Edge')!.dataPlane).toEqual({ kind: 'haproxy', binary: '/usr/sbin/haproxy' });
      expect(reopened.profiles.get('Other')!.dataPlane).toEqual({ kind: 'nginx' });
      reopened.close();
    } finally {
      temp.cleanup();
    }
  });

  it('only nginx comes with a warning, shown before the user picks it', () => {
    expect(dataPlaneWarning({ kind: 'nginx' })).toMatch(/every ratio change reloads nginx/);
    expect(dataPlaneWarning({ kind: 'embedded' })).toBeNull();
  });

  it('serve --workers sets the workers of the embedded engine (the demo profile too) and refuses an external engine', () => {
    const stored = profileSchema.parse(base);
    expect(applyOverrides(stored, { workers: 2 }).dataPlane).toEqual({ kind: 'embedded', workers: 2 });
    expect(applyOverrides(stored, { workers: 'auto' }).dataPlane).toEqual({ kind: 'embedded', workers: 'auto' });
    expect(applyOverrides({ ...stored, dataPlane: { kind: 'embedded', workers: 4 } }, { workers: 1 }).dataPlane).toEqual({ kind: 'embedded' });
    expect(applyOverrides(undefined, { workers: 2 }).dataPlane).toEqual({ kind: 'embedded', workers: 2 });
    expect(() => applyOverrides({ ...stored, dataPlane: { kind: 'haproxy' } }, { workers: 2 })).toThrow(new OverrideError('--workers applies only to the embedded engine; "Edge" uses haproxy'));
  });

  it('publishes the worker count in the state: 1 when absent and for external engines', () => {
    const published = (dataPlane: unknown) =>
      buildSnapshot({ revision: 1, profile: profileSchema.parse({ ...base, dataPlane }), live: undefined, cached: { profileNames: [], canUndo: false }, flow: null }).profile.dataPlane;
    expect(published({ kind: 'embedded', workers: 2 })).toEqual({ kind: 'embedded', warning: null, problem: null, workers: 2 });
    // auto: the server's own core count, which a view cannot know.
    expect(published({ kind: 'embedded', workers: 'auto' })).toEqual({ kind: 'embedded', warning: null, problem: null, workers: Math.min(availableParallelism(), MAX_WORKERS) });
    expect(profileSchema.safeParse({ ...base, dataPlane: { kind: 'embedded', workers: 'many' } }).success).toBe(false);
    expect(published(undefined)).toEqual({ kind: 'embedded', warning: null, problem: null, workers: 1 });
    expect(published({ kind: 'haproxy' })).toEqual({ kind: 'haproxy', warning: null, problem: null, workers: 1 });
    expect(profileSchema.safeParse({ ...base, dataPlane: { kind: 'haproxy', workers: 2 } }).success).toBe(false);
  });
});
