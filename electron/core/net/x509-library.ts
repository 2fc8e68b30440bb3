import { webcrypto } from 'node:crypto';
import type * as X509 from '@peculiar/x509';

export type X509Library = typeof X509;

let loading: Promise<X509Library> | undefined;

/**
 * @peculiar/x509, set up for Node's webcrypto, loaded on first use: it and its ASN.1 schemas
 * weigh on start time and memory, which a proxy without HTTPS should not pay.
 */
export function loadX509(): Promise<X509Library> {
  loading ??= (async () => {
    // Its injector needs the Reflect metadata polyfill before it loads.
    await import('reflect-metadata');
    const x509 = await import('@peculiar/x509');
    /** The Crypto type x509 was compiled against (the DOM's, where a tsconfig has it): Node's webcrypto implements it. */
    type Crypto = Extract<Parameters<typeof x509.cryptoProvider.set>[0], object>;
    x509.cryptoProvider.set(webcrypto as unknown as Crypto);
    return x509;
  })();
  return loading;
}
