import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createBrowserBridge } from './bridge/http-bridge';
import { createIpcBridge, exposedBridge } from './bridge/ipc-bridge';
import { StoreProvider } from './store/store-context';
import { createTurnoutStore } from './store/turnout-store';
import './styles.css';
import './panels.css';
import './presenting.css';

// In the desktop window the preload exposes window.turnout; in a browser we talk HTTP.
const exposed = exposedBridge();
const bridge = exposed ? createIpcBridge(exposed) : createBrowserBridge();
const store = createTurnoutStore(bridge);
store.getState().connect();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
