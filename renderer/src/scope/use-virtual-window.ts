import { useCallback, useLayoutEffect, useMemo, useState } from 'react';
import type { RefObject } from 'react';

export interface VirtualWindow {
  readonly totalHeight: number;
  /** The rows to draw: those in view plus a few either side so fast scrolling shows no gaps. */
  readonly first: number;
  readonly last: number;
  offsetOf(index: number): number;
  /** Scrolls so the row is in view (centred when it was far away). */
  scrollToRow(index: number): void;
}

const OVERSCAN_PX = 400;

/** The first index whose row ends below `y`, by binary search over the row offsets. */
function rowAt(offsets: readonly number[], y: number): number {
  let low = 0;
  let high = offsets.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((offsets[mid] ?? 0) <= y) low = mid;
    else high = mid - 1;
  }
  return Math.max(0, low);
}

/**
 * Draws only the rows of a long list that are in view, so thousands of subscriptions scroll and
 * filter as fast as a few. Rows have known heights (`heights[i]`); the scroll container is
 * `containerRef`, whose size and scroll position are followed.
 */
export function useVirtualWindow(
  containerRef: RefObject<HTMLElement | null>,
  heights: readonly number[],
): VirtualWindow {
  const offsets = useMemo(() => {
    const result = new Array<number>(heights.length + 1);
    result[0] = 0;
    for (let i = 0; i < heights.length; i += 1) {
      result[i + 1] = (result[i] ?? 0) + (heights[i] ?? 0);
    }
    return result;
  }, [heights]);
  const [view, setView] = useState({ top: 0, height: 800 });

  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const update = () => setView({ top: container.scrollTop, height: container.clientHeight });
    update();
    container.addEventListener('scroll', update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(container);
    return () => {
      container.removeEventListener('scroll', update);
      observer.disconnect();
    };
  }, [containerRef]);

  const totalHeight = offsets[heights.length] ?? 0;
  const first = heights.length === 0 ? 0 : rowAt(offsets, Math.max(0, view.top - OVERSCAN_PX));
  const last = heights.length === 0 ? -1 : rowAt(offsets, view.top + view.height + OVERSCAN_PX);

  const scrollToRow = useCallback(
    (index: number) => {
      const container = containerRef.current;
      if (!container) return;
      const top = offsets[index] ?? 0;
      const bottom = offsets[index + 1] ?? top;
      if (top >= container.scrollTop && bottom <= container.scrollTop + container.clientHeight) {
        return;
      }
      container.scrollTop = Math.max(0, top - container.clientHeight / 2);
      setView({ top: container.scrollTop, height: container.clientHeight });
    },
    [containerRef, offsets],
  );

  return {
    totalHeight,
    first,
    last,
    offsetOf: (index) => offsets[index] ?? 0,
    scrollToRow,
  };
}
