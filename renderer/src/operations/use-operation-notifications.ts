import { useEffect } from 'react';
import type { OperationView } from '../../../shared/domain/operations';
import type { OperationsStore } from '../state/operations-store';
import { notificationFor } from './operations-model';

/** Shows one desktop notification; the web Notification API, asked for once when first needed. */
async function notify(title: string, body: string): Promise<void> {
  if (typeof Notification === 'undefined') return;
  let permission = Notification.permission;
  if (permission === 'default') {
    try {
      permission = await Notification.requestPermission();
    } catch {
      return;
    }
  }
  if (permission !== 'granted') return;
  try {
    new Notification(title, { body });
  } catch {
    // Some hosts refuse notifications from the page outright; the tray still has the outcome.
  }
}

/**
 * A desktop notification when a long operation ends while the window is in the background,
 * so the admin who turned to other work hears of an attach that failed an hour in.
 */
export function useOperationNotifications(store: OperationsStore) {
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (state.operations === previous.operations) return;
        const before = new Map<string, OperationView>(
          previous.operations.map((operation) => [operation.operationId, operation]),
        );
        for (const operation of state.operations) {
          const shown = notificationFor(
            before.get(operation.operationId),
            operation,
            document.hidden,
          );
          if (shown) void notify(shown.title, shown.body);
        }
      }),
    [store],
  );
}
