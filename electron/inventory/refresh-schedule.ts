/**
 * Refreshes the inventory at start-up and every `intervalMinutes` after the last refresh ended
 * (0: neither). The timer is injected, so tests drive it without waiting.
 */
export interface RefreshTimer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface RefreshScheduleOptions {
  /** Starts (or joins) a refresh; its failures are the refresh's own to report. */
  readonly refresh: () => Promise<unknown>;
  readonly intervalMinutes: () => number;
  readonly timer?: RefreshTimer;
  /** After start-up, so the window shows the local record before any network call. */
  readonly startupDelayMs?: number;
}

export interface RefreshScheduleHandle {
  /** The interval changed: the next refresh is counted from now. */
  reschedule(): void;
  stop(): void;
}

const realTimer: RefreshTimer = {
  set: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // An automatic refresh never keeps the process alive.
    handle.unref?.();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function startRefreshSchedule(options: RefreshScheduleOptions): RefreshScheduleHandle {
  const timer = options.timer ?? realTimer;
  let handle: unknown;
  let stopped = false;

  const arm = (ms: number) => {
    if (handle !== undefined) timer.clear(handle);
    handle = undefined;
    if (stopped || options.intervalMinutes() === 0) return;
    handle = timer.set(() => {
      handle = undefined;
      void options
        .refresh()
        .catch(() => undefined)
        .finally(() => arm(options.intervalMinutes() * 60_000));
    }, ms);
  };

  arm(options.startupDelayMs ?? 0);
  return {
    reschedule: () => arm(options.intervalMinutes() * 60_000),
    stop() {
      stopped = true;
      if (handle !== undefined) timer.clear(handle);
      handle = undefined;
    },
  };
}
