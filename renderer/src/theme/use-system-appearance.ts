import { useSyncExternalStore } from 'react';
import type { Appearance } from './appearance';

// High contrast wins over dark: a user who asked the OS for more contrast needs it in either mode.
const HIGH_CONTRAST_QUERIES = ['(forced-colors: active)', '(prefers-contrast: more)'];
const DARK_QUERY = '(prefers-color-scheme: dark)';
const ALL_QUERIES = [...HIGH_CONTRAST_QUERIES, DARK_QUERY];

function readSystemAppearance(): Appearance {
  if (HIGH_CONTRAST_QUERIES.some((query) => window.matchMedia(query).matches)) {
    return 'high-contrast';
  }
  return window.matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

function subscribeToSystemAppearance(onChange: () => void): () => void {
  const lists = ALL_QUERIES.map((query) => window.matchMedia(query));
  for (const list of lists) list.addEventListener('change', onChange);
  return () => {
    for (const list of lists) list.removeEventListener('change', onChange);
  };
}

/** The operating system's light, dark or high-contrast preference, updated live as it changes. */
export function useSystemAppearance(): Appearance {
  return useSyncExternalStore(subscribeToSystemAppearance, readSystemAppearance);
}
