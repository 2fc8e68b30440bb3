import { ContractError } from '../../../shared/contract/errors';
import type { MethodInput } from '../../../shared/contract/methods';
import type { ProbeResult } from '../../../shared/contract/state';
import type { Profile } from '../../../shared/domain/profile';
import { probe } from '../health/probe';
import type { LiveProfile } from './live-profile';

/**
 * "Test now": one probe of an environment of the active profile at its real URL (a demo
 * app's port, when live), with the settings given or the stored ones. It touches no
 * health state; the monitor's own probes keep deciding up and down.
 */
export async function probeNow(profile: Profile, live: LiveProfile | undefined, input: MethodInput<'probeEnvironment'>): Promise<ProbeResult> {
  const env = profile.environments.find((item) => item.name === input.name);
  if (!env) throw new ContractError('NOT_FOUND', `no environment "${input.name}" in profile "${profile.name}"`);
  return probe({ url: live?.urlOf(env.name) ?? env.url, check: input.health ?? env.health, allowSelfSigned: env.tls.allowSelfSigned });
}
