import { describe, expect, it } from 'vitest';
import { healthDraft, parseHealthDraft } from '../../renderer/src/features/environments/health-form';
import { draftFromProfile, emptyDraft, nextEnvironment, parseDraft } from '../../renderer/src/features/profiles/profile-form';
import { DEMO_PROFILE } from '../../shared/domain/profile';

describe('profile form: the shared schema, errors by field', () => {
  it('parses a complete draft into a profile', () => {
    const { profile, errors } = parseDraft({ ...emptyDraft(), name: 'Staging' });
    expect(errors).toEqual({});
    expect(profile).toMatchObject({ name: 'Staging', demo: false, environments: [{ name: 'blue', weight: 50 }, { name: 'green', weight: 50 }] });
  });

  it('puts each problem beside its field', () => {
    const draft = emptyDraft();
    draft.listen = 'nope';
    draft.environments[0] = { ...draft.environments[0]!, url: 'ftp://x', weight: 'abc' };
    draft.environments[1] = { ...draft.environments[1]!, name: 'Green' };
    const { profile, errors } = parseDraft(draft);
    expect(profile).toBeNull();
    expect(errors).toMatchObject({
      name: 'must not be empty',
      listen: 'must be host:port, e.g. 127.0.0.1:8800',
      'environments.0.url': 'must be an absolute http:// or https:// URL without credentials',
      'environments.0.weight': 'must be a whole number',
      'environments.1.name': 'must be 1-32 lowercase letters, digits or dashes, starting with a letter',
    });
  });

  it('says the weights must make 100 for the whole list', () => {
    const draft = { ...emptyDraft(), name: 'x' };
    draft.environments[0]!.weight = '70';
    expect(parseDraft(draft).errors.environments).toBe('weights must sum to 100, got 120');
  });

  it('keeps settings the form does not show when editing', () => {
    const base = { ...DEMO_PROFILE, environments: DEMO_PROFILE.environments.map((env) => ({ ...env, health: { ...env.health, path: '/healthz' } })) };
    const draft = draftFromProfile(base);
    draft.name = 'Renamed';
    const { profile } = parseDraft(draft, base);
    expect(profile!.environments[0]!.health.path).toBe('/healthz');
    expect(profile!.demo).toBe(true);
  });

  it('an attached HAProxy: socket, backend and a server per environment, checked by the shared schema; unchecked goes back to the embedded proxy', () => {
    const draft = { ...emptyDraft(), name: 'Staging', engine: { attach: true, socket: 'nowhere', backend: 'web;x' } };
    draft.environments = draft.environments.map((env, index) => ({ ...env, server: index === 0 ? 'app-1' : '' }));
    expect(parseDraft(draft).errors).toEqual({
      'dataPlane.socket': 'socket must be a unix socket path (/…) or host:port',
      'dataPlane.backend': 'backend may use only letters, digits and . _ : -',
      'dataPlane.servers.green': 'server name may use only letters, digits and . _ : -',
    });
    draft.engine = { attach: true, socket: '127.0.0.1:9999', backend: 'web' };
    draft.environments[1] = { ...draft.environments[1]!, server: 'app-2' };
    const { profile } = parseDraft(draft);
    expect(profile!.dataPlane).toEqual({ kind: 'haproxy-attach', socket: '127.0.0.1:9999', backend: 'web', servers: { blue: 'app-1', green: 'app-2' } });
    // Edited back: the servers show beside their environments; unchecked, the profile runs the embedded proxy again.
    const again = draftFromProfile(profile!);
    expect([again.engine, again.environments.map((env) => env.server)]).toEqual([{ attach: true, socket: '127.0.0.1:9999', backend: 'web' }, ['app-1', 'app-2']]);
    expect(parseDraft({ ...again, engine: { ...again.engine, attach: false } }, profile!).profile!.dataPlane).toEqual({ kind: 'embedded' });
  });

  it('adds environments with a free name', () => {
    expect(nextEnvironment(emptyDraft().environments).name).toBe('env-3');
  });
});

describe('health-check form', () => {
  const check = DEMO_PROFILE.environments[0]!.health;
  it('round-trips the settings', () => {
    expect(parseHealthDraft(healthDraft(check))).toEqual({ check, errors: {} });
  });

  it('explains what the core would refuse', () => {
    const draft = { ...healthDraft(check), path: 'health', intervalMs: '' };
    expect(parseHealthDraft(draft).errors).toEqual({ path: 'must start with / and contain no spaces', intervalMs: 'must be a whole number' });
    // The range check runs once every field is a valid number (zod refines a parsed object).
    expect(parseHealthDraft({ ...healthDraft(check), expectStatusMin: '500', expectStatusMax: '200' }).errors).toEqual({ expectStatusMax: 'expected status range is empty' });
  });
});
