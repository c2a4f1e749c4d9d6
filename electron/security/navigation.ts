import { isAppUrl } from './app-origin';
import { toAllowedExternalUrl } from './external-urls';

export type NavigationDecision =
  | { readonly action: 'allow' }
  | { readonly action: 'deny' }
  /** Stay put, and hand this (allowlisted, normalised) URL to the system browser. */
  | { readonly action: 'open-externally'; readonly url: string };

/**
 * What to do when the page tries to go somewhere (a link, `location =`, `window.open`, a
 * redirect). Only our own origin loads inside the window; allowlisted https pages open in the
 * system browser; everything else goes nowhere.
 */
export function decideNavigation(url: string, options: { inApp: boolean }): NavigationDecision {
  if (options.inApp && isAppUrl(url)) return { action: 'allow' };
  const external = toAllowedExternalUrl(url);
  return external === null ? { action: 'deny' } : { action: 'open-externally', url: external };
}
