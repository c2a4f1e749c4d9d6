/**
 * Waits for an element a virtual list draws only after a scroll: checks on each of the next
 * frames, up to `frames` more after the first, and calls `land` with the element (or with null
 * when it never appeared). Answers the cancel for an effect's cleanup.
 */
export function whenDrawn(
  find: () => HTMLElement | null,
  frames: number,
  land: (element: HTMLElement | null) => void,
): () => void {
  let frame = 0;
  let attempts = 0;
  const check = () => {
    const element = find();
    if (element || attempts >= frames) {
      land(element);
      return;
    }
    attempts += 1;
    frame = requestAnimationFrame(check);
  };
  frame = requestAnimationFrame(check);
  return () => cancelAnimationFrame(frame);
}
