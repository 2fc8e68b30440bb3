/**
 * The init script every window's page gets: Electron's renderer half of IPC
 * (`ipcRenderer`, `contextBridge`) and then the app's real built preload bundle, as
 * CommonJS with a `require` that knows only `electron` (all a sandboxed preload gets).
 *
 * Not proved: context isolation (the preload runs in the page's own world here, so a page
 * could reach the shim), the sandbox of the preload, and contextBridge's exact copying
 * (here functions are wrapped and errors reduced to their message, as the bridge does,
 * but objects are frozen copies of plain data only). Written as a string, not a function's
 * toString(): tsx would put its own helpers into a function body, and the page has no eval
 * (its CSP), so the preload is pasted in, not evaluated.
 */
const SHIM = String.raw`
  if (window !== window.top) return;
  const invoke = window.__electronStandinInvoke;
  const send = window.__electronStandinSend;
  delete window.__electronStandinInvoke;
  delete window.__electronStandinSend;
  const listeners = new Map();
  Object.defineProperty(window, '__electronStandinDeliver', {
    value: (channel, args) => {
      for (const listener of [...(listeners.get(channel) ?? [])]) listener({ sender: null }, ...args);
    },
  });
  document.addEventListener('securitypolicyviolation', (event) => {
    console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline'));
  });
  const ipcRenderer = {
    invoke: (channel, ...args) => invoke(channel, args),
    send: (channel, ...args) => void send(channel, args),
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  ipcRenderer.off = ipcRenderer.removeListener;
  const messageOnly = (error) => new Error(error && error.message !== undefined ? error.message : String(error));
  const bridged = (value) => {
    if (typeof value === 'function') {
      return (...args) => {
        let result;
        try {
          result = value(...args);
        } catch (error) {
          throw messageOnly(error);
        }
        return result instanceof Promise ? result.catch((error) => { throw messageOnly(error); }) : result;
      };
    }
    if (value && typeof value === 'object') return Object.freeze(Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, bridged(inner)])));
    return value;
  };
  const contextBridge = {
    exposeInMainWorld(key, api) {
      if (key in window) throw new Error('Cannot bind an API on top of an existing property on the window object');
      Object.defineProperty(window, key, { value: bridged(api), enumerable: true });
    },
  };
  const require = (name) => {
    if (name === 'electron') return { contextBridge, ipcRenderer };
    throw new Error('module not found: ' + name + ' (a sandboxed preload can require only electron)');
  };
  const module = { exports: {} };
`;

export function preloadInitScript(preloadSource: string): string {
  return `(() => {${SHIM}\n(function (require, module, exports) {\n${preloadSource}\n})(require, module, module.exports);\n})();`;
}
