import { trustSteps } from '../../../shared/domain/front-tls';
import type { TlsTrust } from '../../../shared/contract/tls-methods';
import { localCaDir } from '../net/front-certificates';
import { LocalCa } from '../net/local-ca';

/**
 * The contract's tlsTrust (and `turnout tls ca`, which runs it without a server): where the
 * local CA of the data dir `dataDir` is, made now if there is none yet, and the steps to trust it.
 */
export async function tlsTrust(dataDir: string): Promise<TlsTrust> {
  const local = new LocalCa(localCaDir(dataDir));
  const { cert } = await local.ensureCa();
  return { caFile: local.caFile, subject: cert.subject, notAfter: cert.notAfter.toISOString(), steps: trustSteps(local.caFile) };
}
