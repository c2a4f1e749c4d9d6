import { useEffect, useMemo } from 'react';
import { summariseScope, windowTitle } from '../scope/scope-model';
import { useSubscriptions } from '../state/azure-stores';

const PRODUCT_NAME = 'Mooring';

/** Keeps the window title on the current scope: "Mooring — Contoso Ltd (2 subscriptions)". */
export function useWindowTitle() {
  const snapshot = useSubscriptions((state) => state.snapshot);
  const subscriptions = snapshot.status === 'ready' ? snapshot.value.subscriptions : null;
  const title = useMemo(
    () => windowTitle(PRODUCT_NAME, subscriptions ? summariseScope(subscriptions) : null),
    [subscriptions],
  );
  useEffect(() => {
    document.title = title;
  }, [title]);
}
