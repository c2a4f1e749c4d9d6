import { isAppUrl } from './app-origin';

/**
 * What the shell learns about the frame behind an IPC call, reduced to plain facts so the
 * decision can be tested without Electron. `null` when Electron reports no sender frame (it was
 * destroyed or navigated away while the message was in flight).
 */
export interface SenderFacts {
  /** The frame's current URL. */
  readonly url: string;
  /** The frame has no parent: it is a top-level document, not an iframe. */
  readonly isTopLevel: boolean;
  /** The frame is the main frame of the window Mooring created (identity, not just "a" window). */
  readonly isOurWindowMainFrame: boolean;
}

export type SenderVerdict =
  { readonly trusted: true } | { readonly trusted: false; readonly reason: string };

/**
 * Every IPC call must come from our own page: the main frame of our window, showing a document
 * from `mooring://app`. Anything else (an iframe, another window, a page we navigated to by
 * mistake) is refused before the dispatcher sees the request.
 */
export function checkSender(facts: SenderFacts | null | undefined): SenderVerdict {
  if (!facts) return { trusted: false, reason: 'the sender frame is gone' };
  if (!facts.isTopLevel) return { trusted: false, reason: 'the sender is a sub-frame' };
  if (!facts.isOurWindowMainFrame) {
    return { trusted: false, reason: "the sender is not our window's main frame" };
  }
  if (!isAppUrl(facts.url)) return { trusted: false, reason: 'the sender is not on mooring://app' };
  return { trusted: true };
}
