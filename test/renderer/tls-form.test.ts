import { describe, expect, it } from 'vitest';
import { draftFromProfile, emptyDraft, parseDraft } from '../../renderer/src/features/profiles/profile-form';
import { tlsDraft } from '../../renderer/src/features/profiles/tls-draft';

const on = (patch: Partial<ReturnType<typeof tlsDraft>> = {}) => ({ ...tlsDraft(undefined), enabled: true, ...patch });

describe('profile form: the HTTPS section, checked by the shared schema', () => {
  it('a new profile has HTTPS off, stored as off', () => {
    const { profile, errors } = parseDraft({ ...emptyDraft(), name: 'Staging' });
    expect(errors).toEqual({});
    expect(profile!.tls).toEqual({ enabled: false, names: [] });
  });

  it('on with the local CA: names one per line or comma-separated, blank files left out, a redirect port', () => {
    const { profile, errors } = parseDraft({ ...emptyDraft(), name: 'Staging', tls: on({ names: 'app.test\n *.app.test, 10.0.0.5\n\n', redirectPort: ' 8080 ' }) });
    expect(errors).toEqual({});
    expect(profile!.tls).toEqual({ enabled: true, names: ['app.test', '*.app.test', '10.0.0.5'], redirectHttpPort: 8080 });
  });

  it('own certificate and key paths are trimmed and stored', () => {
    const { profile } = parseDraft({ ...emptyDraft(), name: 'Staging', tls: on({ certFile: ' /etc/ssl/app.pem ', keyFile: '/etc/ssl/app.key' }) });
    expect(profile!.tls).toEqual({ enabled: true, names: [], certFile: '/etc/ssl/app.pem', keyFile: '/etc/ssl/app.key' });
  });

  it('puts each problem beside its field', () => {
    const bad = parseDraft({ ...emptyDraft(), name: 'Staging', tls: on({ names: 'ok.test bad_name!', redirectPort: '8o80' }) });
    expect(bad.profile).toBeNull();
    expect(bad.errors).toEqual({
      'tls.names.1': 'must be a host name (e.g. app.test) or an IP address',
      'tls.redirectHttpPort': 'must be a whole number',
    });
    expect(parseDraft({ ...emptyDraft(), name: 'S', tls: on({ redirectPort: '70000' }) }).errors).toEqual({ 'tls.redirectHttpPort': 'must be from 1 to 65535' });
    // Only one of the pair (zod checks this once the fields themselves parse).
    expect(parseDraft({ ...emptyDraft(), name: 'S', tls: on({ keyFile: 'k.pem' }) }).errors).toEqual({ 'tls.certFile': 'give both a certificate file and a key file, or neither' });
  });

  it('round-trips a stored profile, and turning HTTPS off keeps what was typed', () => {
    const { profile } = parseDraft({ ...emptyDraft(), name: 'Staging', tls: on({ names: 'app.test', redirectPort: '8080' }) });
    const again = draftFromProfile(profile!);
    expect(again.tls).toEqual({ enabled: true, names: 'app.test', certFile: '', keyFile: '', redirectPort: '8080' });
    expect(parseDraft({ ...again, tls: { ...again.tls, enabled: false } }, profile!).profile!.tls).toEqual({ enabled: false, names: ['app.test'], redirectHttpPort: 8080 });
  });
});
