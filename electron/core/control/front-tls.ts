import { ContractError } from '../../../shared/contract/errors';
import type { Profile } from '../../../shared/domain/profile';
import { resolveFrontTls } from '../net/front-certificates';
import { TlsFileError, type TlsFiles } from '../net/tls-files';

/** The certificate files for a profile with HTTPS on (undefined without): a bad pair refuses the start in one line. */
export async function frontTls(profile: Profile, dataDir: string | undefined): Promise<TlsFiles | undefined> {
  if (!profile.tls.enabled) return undefined;
  if (profile.dataPlane.kind !== 'embedded') throw new ContractError('INVALID_INPUT', `HTTPS on the listener needs the embedded proxy (this profile runs ${profile.dataPlane.kind})`);
  try {
    return await resolveFrontTls(profile.tls, dataDir);
  } catch (error) {
    if (error instanceof TlsFileError) throw new ContractError('INVALID_INPUT', error.message);
    throw error;
  }
}
