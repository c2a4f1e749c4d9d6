/** Marks where focus goes when what held it is removed (a signed-out account's card). */
export const FOCUS_AFTER_REMOVAL = { 'data-focus-after-removal': true } as const;

/**
 * Moves focus to the first element marked with FOCUS_AFTER_REMOVAL (in `within`, such as the
 * open drawer) once the next frames have drawn it (the view re-renders after the removal), so
 * keyboard users are not left on the body.
 */
export function focusAfterRemoval(within: ParentNode = document, attempts = 10): void {
  // Without a marked element, the page's heading (focusable for exactly this) is where to land.
  const target =
    within.querySelector<HTMLElement>('[data-focus-after-removal]') ??
    (within === document ? document.querySelector<HTMLElement>('h1[tabindex="-1"]') : null);
  if (target && target.isConnected) {
    target.focus();
    if (document.activeElement === target) return;
  }
  if (attempts > 0) requestAnimationFrame(() => focusAfterRemoval(within, attempts - 1));
}

/**
 * Before removing the list item that holds focus (hiding a subscription): remembers its
 * neighbours, and once the list has re-rendered puts focus on the same kind of control in the
 * neighbour that took its place — or, failing that, on the view's FOCUS_AFTER_REMOVAL element.
 */
export function keepFocusNear(control: HTMLElement): void {
  const item = control.closest<HTMLElement>('[role="listitem"]');
  const testId = control.getAttribute('data-testid');
  const neighbours = [item?.nextElementSibling, item?.previousElementSibling].filter(
    (element): element is HTMLElement => element instanceof HTMLElement,
  );
  const view = item?.closest('[role="dialog"]') ?? document;
  requestAnimationFrame(() => {
    if (control.isConnected) return; // still shown (hidden ones are listed): focus stays
    const shown = neighbours.filter((neighbour) => neighbour.isConnected);
    // The same control in a neighbouring row first (the next row's hide button), else any.
    const target =
      shown
        .map((n) => (testId ? n.querySelector<HTMLElement>(`[data-testid="${testId}"]`) : null))
        .find((found) => found !== null) ??
      shown.map((n) => n.querySelector<HTMLElement>('button, input')).find((found) => found);
    if (target) {
      target.focus();
      return;
    }
    focusAfterRemoval(view);
  });
}

/**
 * For a region that can disappear while it holds focus (a message whose cause was fixed): call
 * in a layout effect's cleanup, which runs while the region is still in the document.
 */
export function rescueFocusFrom(region: HTMLElement | null): void {
  if (!region || !region.contains(document.activeElement)) return;
  focusAfterRemoval(region.closest('[role="dialog"]') ?? document);
}
