import { ConnectionNotice } from './features/connection/ConnectionNotice';
import { EnvironmentList } from './features/environments/EnvironmentList';
import { Header } from './features/header/Header';
import { RatioPanel } from './features/ratio/RatioPanel';
import { useTurnout } from './store/store-context';

export function App() {
  const showState = useTurnout((s) => s.server !== null && s.connection !== 'unauthorized');
  const stale = useTurnout((s) => s.connection === 'disconnected');
  return (
    <div className="app">
      <Header />
      <main className="content">
        <ConnectionNotice />
        {showState && (
          <div className={stale ? 'panels panels-stale' : 'panels'}>
            <RatioPanel />
            <EnvironmentList />
          </div>
        )}
      </main>
    </div>
  );
}
