import type { StateObservation } from '../../../shared/domain/operations';
import { stateCategory } from '../inventory/compute-presentation';
import type { StateCategory } from '../inventory/compute-presentation';

/** One stretch of time the compute spent in one state. */
export interface TimelineSegment {
  readonly state: string;
  readonly category: StateCategory;
  readonly startMs: number;
  /** When the next different state was observed, or `now` for the current one. */
  readonly endMs: number;
  readonly current: boolean;
  /** Observations merged into this stretch (the same state seen again by later polls). */
  readonly observations: number;
  readonly sources: readonly StateObservation['source'][];
  readonly x: number;
  readonly width: number;
}

/** A change made outside Mooring a refresh recorded, placed on the timeline. */
export interface TimelineDrift {
  readonly ms: number;
  readonly x: number;
  readonly changes: NonNullable<StateObservation['changes']>;
}

export interface TimelineTick {
  readonly x: number;
  readonly ms: number;
}

export interface TimelineGeometry {
  readonly segments: readonly TimelineSegment[];
  /** Every observation that found changes made outside Mooring, oldest first. */
  readonly drift: readonly TimelineDrift[];
  readonly ticks: readonly TimelineTick[];
  readonly startMs: number;
  readonly endMs: number;
}

/** A stretch never drawn narrower than this, so a state seen for a second is still visible. */
export const MIN_SEGMENT_WIDTH = 3;

/**
 * The state history laid out on `width` pixels from the first observation to `now`. Consecutive
 * observations of the same state (case-insensitively) form one segment; observations arrive in
 * any order and are sorted by time; ones with an unreadable time are left out.
 */
export function timelineGeometry(
  history: readonly StateObservation[],
  now: number,
  width: number,
  tickCount = 4,
): TimelineGeometry {
  const observed = history
    .map((observation) => ({ observation, ms: Date.parse(observation.observedAt) }))
    .filter((entry) => !Number.isNaN(entry.ms))
    .sort((a, b) => a.ms - b.ms);
  const first = observed[0];
  if (!first) return { segments: [], drift: [], ticks: [], startMs: now, endMs: now };

  const startMs = first.ms;
  const endMs = Math.max(now, observed[observed.length - 1]?.ms ?? now, startMs + 1);
  const scale = width / (endMs - startMs);

  const stretches: {
    state: string;
    startMs: number;
    observations: number;
    sources: StateObservation['source'][];
  }[] = [];
  for (const { observation, ms } of observed) {
    const last = stretches[stretches.length - 1];
    if (last && last.state.toLowerCase() === observation.state.toLowerCase()) {
      last.observations += 1;
      if (!last.sources.includes(observation.source)) last.sources.push(observation.source);
      continue;
    }
    stretches.push({
      state: observation.state,
      startMs: ms,
      observations: 1,
      sources: [observation.source],
    });
  }

  const segments = stretches.map((stretch, index): TimelineSegment => {
    const next = stretches[index + 1];
    const segmentEnd = next ? next.startMs : endMs;
    const x = (stretch.startMs - startMs) * scale;
    const natural = (segmentEnd - stretch.startMs) * scale;
    return {
      state: stretch.state,
      category: stateCategory(stretch.state),
      startMs: stretch.startMs,
      endMs: segmentEnd,
      current: !next,
      observations: stretch.observations,
      sources: stretch.sources,
      x,
      width: Math.min(Math.max(natural, MIN_SEGMENT_WIDTH), Math.max(width - x, 0)),
    };
  });

  const drift = observed.flatMap(({ observation, ms }): TimelineDrift[] =>
    observation.changes && observation.changes.length > 0
      ? [{ ms, x: (ms - startMs) * scale, changes: observation.changes }]
      : [],
  );

  const ticks: TimelineTick[] = [];
  const steps = Math.max(1, tickCount - 1);
  for (let index = 0; index <= steps; index += 1) {
    const ms = startMs + ((endMs - startMs) * index) / steps;
    ticks.push({ x: (ms - startMs) * scale, ms });
  }
  return { segments, drift, ticks, startMs, endMs };
}
