import { useEffect, useState } from 'react';

/**
 * The current time, updated every `intervalMs`, so texts such as "as of 5 minutes ago" age on
 * screen without anything else changing.
 */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
