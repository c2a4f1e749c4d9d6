import { useEffect, useState } from 'react';

const secondsUntil = (target: number): number =>
  Number.isNaN(target) ? 0 : Math.max(0, Math.ceil((target - Date.now()) / 1000));

/** Whole seconds left until `deadline` (an ISO time), updated every second; 0 once it passed. */
export function useSecondsLeft(deadline: string): number {
  const target = Date.parse(deadline);
  const [secondsLeft, setSecondsLeft] = useState(() => secondsUntil(target));

  useEffect(() => {
    setSecondsLeft(secondsUntil(target));
    const timer = window.setInterval(() => setSecondsLeft(secondsUntil(target)), 1000);
    return () => window.clearInterval(timer);
  }, [target]);

  return secondsLeft;
}

/** "14:05" for minutes and seconds. */
export const formatMinutesSeconds = (seconds: number): string =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
