import { createContext, use, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { TurnoutStore, TurnoutStoreApi } from './turnout-store';

const StoreContext = createContext<TurnoutStoreApi | null>(null);

export function StoreProvider({ store, children }: { store: TurnoutStoreApi; children: ReactNode }) {
  return <StoreContext value={store}>{children}</StoreContext>;
}

/** Reads the store through a selector; wrap selectors that derive arrays or objects in useShallow. */
export function useTurnout<T>(selector: (state: TurnoutStore) => T): T {
  return useStore(useTurnoutApi(), selector);
}

/** The store itself, for actions. */
export function useTurnoutApi(): TurnoutStoreApi {
  const store = use(StoreContext);
  if (!store) throw new Error('useTurnout needs a <StoreProvider>');
  return store;
}
