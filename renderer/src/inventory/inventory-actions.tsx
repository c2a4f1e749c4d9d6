import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { AttachIntent } from '../state/attach-store';

/** What a row of the inventory can start: the attach wizard, a compute's page. */
export interface InventoryActions {
  readonly openAttach: (intent: AttachIntent) => void;
  readonly openCompute: (computeId: string) => void;
}

const InventoryActionsContext = createContext<InventoryActions | null>(null);

export function InventoryActionsProvider({
  actions,
  children,
}: {
  actions: InventoryActions;
  children: ReactNode;
}) {
  return (
    <InventoryActionsContext.Provider value={actions}>{children}</InventoryActionsContext.Provider>
  );
}

/** The row actions, or null where no page provides them (a row drawn on its own shows none). */
export const useInventoryActions = (): InventoryActions | null =>
  useContext(InventoryActionsContext);
