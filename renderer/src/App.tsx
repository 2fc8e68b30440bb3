import { useState } from 'react';
import { Announcer } from './features/announce/Announcer';
import { ConnectionNotice } from './features/connection/ConnectionNotice';
import { DataPlaneWarning } from './features/connection/DataPlaneWarning';
import { EnvironmentList } from './features/environments/EnvironmentList';
import { FlowNotices } from './features/flow/FlowNotices';
import { Header } from './features/header/Header';
import { HistoryView } from './features/history/HistoryView';
import { Tabs, type TabItem } from './features/nav/Tabs';
import { Overview } from './features/overview/Overview';
import { PresenterView } from './features/presenter/PresenterView';
import { ProfilesView } from './features/profiles/ProfilesView';
import { RequestsView } from './features/requests/RequestsView';
import { PanelShortcuts } from './features/shortcuts/PanelShortcuts';
import { useTurnout } from './store/store-context';

type View = 'overview' | 'environments' | 'requests' | 'profiles' | 'history';
const VIEWS: readonly TabItem<View>[] = [
  { key: 'overview', label: 'Overview' },
  { key: 'environments', label: 'Environments' },
  { key: 'requests', label: 'Requests' },
  { key: 'profiles', label: 'Profiles' },
  { key: 'history', label: 'History' },
];

export function App() {
  const [view, setView] = useState<View>('overview');
  const [presenting, setPresenting] = useState(false);
  const showState = useTurnout((s) => s.server !== null && s.connection !== 'unauthorized');
  const stale = useTurnout((s) => s.connection === 'disconnected');
  return (
    <div className="app">
      <Header tools={<PanelShortcuts presenting={presenting && showState} setPresenting={setPresenting} />} />
      {showState && !presenting && (
        <div className="tabs-bar">
          <Tabs<View> items={VIEWS} current={view} onChange={setView} />
        </div>
      )}
      <main className="content">
        <ConnectionNotice />
        {showState && <DataPlaneWarning />}
        {showState && presenting && <PresenterView />}
        {showState && !presenting && (
          <div id={`panel-${view}`} role="tabpanel" aria-labelledby={`tab-${view}`} className={stale ? 'panels panels-stale' : 'panels'}>
            {view === 'overview' && <Overview />}
            {view === 'environments' && <EnvironmentList />}
            {view === 'requests' && <RequestsView />}
            {view === 'profiles' && <ProfilesView />}
            {view === 'history' && <HistoryView />}
          </div>
        )}
      </main>
      <FlowNotices />
      <Announcer />
    </div>
  );
}
