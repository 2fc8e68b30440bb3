import { ContractError } from '../../../shared/contract/errors';
import { splitListen, type Profile } from '../../../shared/domain/profile';
import { keepFrontTlsCurrent, resolveFrontTls } from '../net/front-certificates';
import { HttpsRedirect } from '../net/https-redirect';
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

/** What HTTPS adds around a running listener: a certificate kept current, and the optional plain-HTTP redirect. */
export class FrontTlsExtras {
  private stopWatch: () => void = () => undefined;
  private redirect: HttpsRedirect | undefined;

  constructor(
    private readonly profile: Profile,
    private readonly dataDir: string | undefined,
  ) {}

  /** Watches the user's files (or the local leaf's renewal); `reload` hands the new pair to the listener. */
  watch(reload: () => void): void {
    if (this.profile.tls.enabled) this.stopWatch = keepFrontTlsCurrent(this.profile.tls, this.dataDir, reload);
  }

  /** The plain-HTTP listener that sends clients to HTTPS on `httpsPort`, when the profile asks for one (tls.redirectHttpPort). */
  async startRedirect(httpsPort: number): Promise<void> {
    const { tls, listen } = this.profile;
    if (!tls.enabled || tls.redirectHttpPort === undefined) return;
    const { host } = splitListen(listen);
    this.redirect = new HttpsRedirect(httpsPort, host);
    await this.redirect.listen(host, tls.redirectHttpPort);
  }

  async stop(): Promise<void> {
    this.stopWatch();
    await this.redirect?.close();
    this.redirect = undefined;
  }
}
