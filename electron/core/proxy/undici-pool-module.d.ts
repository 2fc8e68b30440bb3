// Types of the undici modules undici-pool.ts imports directly (it says why).
declare module 'undici/lib/dispatcher/pool.js' {
  import type { Pool } from 'undici';

  const PoolClass: typeof Pool;
  export default PoolClass;
}

declare module 'undici/lib/dispatcher/dispatcher.js' {
  import type { Dispatcher } from 'undici';

  const DispatcherClass: typeof Dispatcher;
  export default DispatcherClass;
}

declare module 'undici/lib/api/index.js' {
  import type { connect, pipeline, request, stream, upgrade } from 'undici';

  const api: { request: typeof request; stream: typeof stream; pipeline: typeof pipeline; connect: typeof connect; upgrade: typeof upgrade };
  export default api;
}
