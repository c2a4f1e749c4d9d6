import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ShellActions, ShellState, ShellStore } from './shell-store';

const ShellStoreContext = createContext<ShellStore | null>(null);

export function ShellStoreProvider({
  store,
  children,
}: {
  store: ShellStore;
  children: ReactNode;
}) {
  return <ShellStoreContext.Provider value={store}>{children}</ShellStoreContext.Provider>;
}

/** Reads a slice of the shell store; components re-render only when their slice changes. */
export function useShell<T>(selector: (state: ShellState & ShellActions) => T): T {
  const store = useContext(ShellStoreContext);
  if (!store) throw new Error('useShell must be used inside a ShellStoreProvider.');
  return useStore(store, selector);
}
