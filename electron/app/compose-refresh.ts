import type { InventoryService } from '../inventory/inventory-service';
import { startRefreshSchedule, type RefreshTimer } from '../inventory/refresh-schedule';
import type { HandlerMap } from '../ipc/handlers';
import type { Logger } from '../logging/logger';
import type { SettingsRepository } from '../settings/settings-repository';

type RefreshHandlers = Pick<
  HandlerMap,
  'inventory.cancelRefresh' | 'inventory.getRefreshSchedule' | 'inventory.setRefreshSchedule'
>;

export interface RefreshComposition {
  readonly handlers: RefreshHandlers;
  /** Stops the automatic refreshes (on close). */
  stop(): void;
}

/**
 * Cancel, and the automatic refresh: once shortly after start-up (the window shows the local
 * record first) and then every `inventory.refreshIntervalMinutes` (stored like every setting).
 */
export function composeRefresh(parts: {
  readonly inventory: InventoryService;
  readonly settings: SettingsRepository;
  readonly logger: Logger;
  readonly timer?: RefreshTimer;
  /** Off: no refresh starts by itself (the interval setting is still kept and answered). */
  readonly automatic?: boolean;
}): RefreshComposition {
  const intervalMinutes = () => parts.settings.get('inventory.refreshIntervalMinutes');
  const automatic = parts.automatic ?? true;
  const schedule = startRefreshSchedule({
    intervalMinutes: () => (automatic ? intervalMinutes() : 0),
    startupDelayMs: 2_000,
    refresh: () =>
      parts.inventory.refresh().catch((error: unknown) => {
        parts.logger.warn('The automatic inventory refresh failed', error);
      }),
    ...(parts.timer ? { timer: parts.timer } : {}),
  });
  return {
    handlers: {
      'inventory.cancelRefresh': () => ({ cancelled: parts.inventory.cancelRefresh() }),
      'inventory.getRefreshSchedule': () => ({ intervalMinutes: intervalMinutes() }),
      'inventory.setRefreshSchedule': ({ intervalMinutes: minutes }) => {
        parts.settings.set('inventory.refreshIntervalMinutes', minutes);
        schedule.reschedule();
        return { intervalMinutes: intervalMinutes() };
      },
    },
    stop: () => schedule.stop(),
  };
}
