// The compute page's state timeline, laid out in plain Node.
import { describe, expect, it } from 'vitest';
import { MIN_SEGMENT_WIDTH, timelineGeometry } from '../../renderer/src/compute/timeline-model';
import type { StateObservation } from '../../shared/domain/operations';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 10, minute)).toISOString();
const seen = (state: string, minute: number, source: StateObservation['source'] = 'operation') => ({
  state,
  observedAt: at(minute),
  source,
  operationId: source === 'operation' ? 'op-1' : null,
});
const NOW = Date.parse(at(60));

describe('the state timeline', () => {
  it('spans from the first state seen to now, one stretch per state', () => {
    const geometry = timelineGeometry(
      [seen('Creating', 0), seen('Creating', 10), seen('Succeeded', 30, 'refresh')],
      NOW,
      600,
    );
    expect(geometry.segments.map((segment) => [segment.state, segment.x, segment.width])).toEqual([
      ['Creating', 0, 300],
      ['Succeeded', 300, 300],
    ]);
    expect(geometry.segments[0]).toMatchObject({ observations: 2, current: false });
    expect(geometry.segments[1]).toMatchObject({ current: true, category: 'succeeded' });
    expect(geometry.ticks.map((tick) => tick.x)).toEqual([0, 200, 400, 600]);
  });

  it('sorts observations that arrive out of order and merges states that differ only in case', () => {
    const geometry = timelineGeometry(
      [seen('Failed', 40), seen('Creating', 0), seen('creating', 20)],
      NOW,
      600,
    );
    expect(geometry.segments.map((segment) => segment.state)).toEqual(['Creating', 'Failed']);
    expect(geometry.segments[1]).toMatchObject({ x: 400, width: 200, category: 'failed' });
  });

  it('keeps a state seen for a moment visible, without running past the end', () => {
    const geometry = timelineGeometry(
      [seen('Creating', 0), seen('Failed', 59), seen('Updating', 60)],
      NOW,
      600,
    );
    const last = geometry.segments[geometry.segments.length - 1];
    expect(geometry.segments[1]?.width).toBeGreaterThanOrEqual(MIN_SEGMENT_WIDTH);
    expect(last && last.x + last.width).toBeLessThanOrEqual(600);
  });

  it('draws nothing before a state was recorded, and ignores unreadable times', () => {
    expect(timelineGeometry([], NOW, 600).segments).toEqual([]);
    const bad = { ...seen('Creating', 0), observedAt: 'yesterday' };
    expect(timelineGeometry([bad], NOW, 600).segments).toEqual([]);
  });

  it('places every observation that found changes made outside Mooring', () => {
    const changes = [{ field: 'identity' as const, from: 'SystemAssigned', to: 'None' }];
    const geometry = timelineGeometry(
      [
        seen('Succeeded', 0, 'refresh'),
        { ...seen('Succeeded', 30, 'refresh'), changes },
        { ...seen('Succeeded', 40, 'refresh'), changes: null },
      ],
      NOW,
      600,
    );
    // Same state throughout: one stretch, and the change is still on the timeline.
    expect(geometry.segments).toHaveLength(1);
    expect(geometry.drift).toEqual([{ ms: Date.parse(at(30)), x: 300, changes }]);
  });
});
