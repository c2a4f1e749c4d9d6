/** Marks where focus goes when what held it is removed (a signed-out account's card). */
export const FOCUS_AFTER_REMOVAL = { 'data-focus-after-removal': true } as const;

/**
 * Moves focus to the first element marked with FOCUS_AFTER_REMOVAL (in `within`, such as the
 * open drawer) once the next frames have drawn it (the view re-renders after the removal), so
 * keyboard users are not left on the body.
 */
export function focusAfterRemoval(within: ParentNode = document, attempts = 10): void {
  const target = within.querySelector<HTMLElement>('[data-focus-after-removal]');
  if (target && target.isConnected) {
    target.focus();
    if (document.activeElement === target) return;
  }
  if (attempts > 0) requestAnimationFrame(() => focusAfterRemoval(within, attempts - 1));
}
