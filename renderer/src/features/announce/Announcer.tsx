import { useEffect, useRef, useState } from 'react';
import type { TurnoutStore } from '../../store/turnout-store';
import { useTurnoutApi } from '../../store/store-context';
import { announcements, type AnnounceInput } from './announcements';

function announceInput(s: TurnoutStore): AnnounceInput | null {
  if (!s.server) return null;
  return { health: Object.fromEntries(s.server.environments.map((env) => [env.name, env.health])), wait: s.server.flow?.status === 'running' ? s.server.flow.waitingFor : null };
}

/**
 * One polite live region for the whole panel. It listens to the store outside React's
 * render (no re-render per metrics tick) and changes its text only when `announcements`
 * finds something worth saying, so each change is heard once.
 */
export function Announcer() {
  const store = useTurnoutApi();
  const [message, setMessage] = useState('');
  const last = useRef<AnnounceInput | null>(null);
  useEffect(() => {
    last.current = announceInput(store.getState());
    return store.subscribe((state) => {
      const next = announceInput(state);
      if (!next) return;
      const said = announcements(last.current, next);
      last.current = next;
      if (said.length > 0) setMessage(said.join('. '));
    });
  }, [store]);
  return (
    <div className="sr-only" role="status" aria-live="polite" data-testid="announcer">
      {message}
    </div>
  );
}
