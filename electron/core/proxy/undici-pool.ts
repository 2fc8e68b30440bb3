/**
 * undici's Pool, loaded from its own modules. undici's index loads all of undici (fetch,
 * WebSocket, caches, cookies, mocks: some 600 kB of code) when the proxy and the demo load
 * generator use only the pool; skipping the rest takes about a third off `turnout serve`'s
 * start. undici has no "exports" map, so its files are public paths;
 * undici-pool-module.d.ts gives them the types undici itself declares.
 */
import type { Pool as UndiciPool } from 'undici';
import api from 'undici/lib/api/index.js';
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import PoolClass from 'undici/lib/dispatcher/pool.js';

// The one other thing undici's index does: give every dispatcher request(), stream(), …
// (the demo load generator calls pool.request()). The same functions, so it is harmless
// should the full index be loaded too.
Object.assign(Dispatcher.prototype, api);

export const Pool = PoolClass;
export type Pool = UndiciPool;
