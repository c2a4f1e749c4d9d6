import {
  Caption1,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useMemo, useState } from 'react';
import type { StateObservation } from '../../../shared/domain/operations';
import type { StateCategory } from '../inventory/compute-presentation';
import { changesText } from '../inventory/drift-text';
import { useNow } from '../inventory/use-now';
import { timeAgo } from '../scope/relative-time';
import { formatDuration } from '../operations/operations-model';
import { timelineGeometry } from './timeline-model';

const WIDTH = 720;
const BAR_TOP = 8;
const BAR_HEIGHT = 28;
const HEIGHT = 64;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  chart: { width: '100%', height: 'auto', maxWidth: `${WIDTH}px`, overflow: 'visible' },
  legend: {
    display: 'flex',
    gap: tokens.spacingHorizontalL,
    flexWrap: 'wrap',
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  swatch: {
    display: 'inline-block',
    width: '10px',
    height: '10px',
    marginRight: tokens.spacingHorizontalXS,
    borderRadius: '2px',
  },
  axis: { fill: tokens.colorNeutralForeground3, fontSize: '11px' },
  label: { fill: tokens.colorNeutralForegroundOnBrand, fontSize: '11px', pointerEvents: 'none' },
  driftMark: { fill: tokens.colorPaletteMarigoldForeground2 },
  driftList: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
});

/** Colours by state group; the text table and labels carry the same facts for who cannot see them. */
const FILLS: Record<StateCategory, string> = {
  succeeded: tokens.colorPaletteGreenBackground3,
  failed: tokens.colorPaletteRedBackground3,
  'in-progress': tokens.colorBrandBackground,
  other: tokens.colorNeutralForeground3,
};

const CATEGORY_LABELS: Record<StateCategory, string> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  'in-progress': 'Under way',
  other: 'Other',
};

const clock = (ms: number) => new Date(ms).toLocaleString();
const shortClock = (ms: number, spanMs: number) =>
  new Date(ms).toLocaleString(
    undefined,
    spanMs > 86_400_000
      ? { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }
      : { hour: '2-digit', minute: '2-digit', second: '2-digit' },
  );

/**
 * The compute's states over time as a bar of coloured stretches, from the first state Mooring
 * saw to now, with a table of the same facts (state, from, until, how long, seen by).
 */
export function StateTimeline({ history }: { history: readonly StateObservation[] }) {
  const styles = useStyles();
  const now = useNow(5000);
  const [asTable, setAsTable] = useState(false);
  const titleId = useId();
  const geometry = useMemo(() => timelineGeometry(history, now, WIDTH), [history, now]);
  const span = geometry.endMs - geometry.startMs;

  if (geometry.segments.length === 0) {
    return (
      <Caption1 data-testid="state-timeline-empty">
        Mooring has not recorded a state of this compute yet.
      </Caption1>
    );
  }
  const summary = geometry.segments
    .map(
      (segment) =>
        `${segment.state} from ${clock(segment.startMs)}${segment.current ? ' until now' : ` for ${formatDuration(segment.endMs - segment.startMs)}`}`,
    )
    .join('; ');

  return (
    <div className={styles.root} data-testid="state-timeline">
      <svg
        className={styles.chart}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={titleId}
        data-testid="state-timeline-chart"
      >
        <title id={titleId}>{`States over time: ${summary}`}</title>
        {geometry.segments.map((segment, index) => (
          <g key={index} data-testid="state-timeline-segment" data-state={segment.state}>
            <rect
              x={segment.x}
              y={BAR_TOP}
              width={segment.width}
              height={BAR_HEIGHT}
              fill={FILLS[segment.category]}
              rx={2}
            >
              <title>{`${segment.state}: ${clock(segment.startMs)} – ${segment.current ? 'now' : clock(segment.endMs)}`}</title>
            </rect>
            {segment.width > 70 && (
              <text className={styles.label} x={segment.x + 6} y={BAR_TOP + BAR_HEIGHT / 2 + 4}>
                {segment.state}
              </text>
            )}
          </g>
        ))}
        {geometry.drift.map((mark, index) => (
          <path
            key={`drift-${index}`}
            className={styles.driftMark}
            d={`M ${mark.x} ${BAR_TOP - 1} l -4 -6 h 8 z`}
            data-testid="state-timeline-drift-mark"
          >
            <title>{`Changed outside Mooring ${clock(mark.ms)}: ${changesText(mark.changes)}`}</title>
          </path>
        ))}
        {geometry.ticks.map((tick, index) => (
          <text
            key={index}
            className={styles.axis}
            x={tick.x}
            y={HEIGHT - 4}
            textAnchor={
              index === 0 ? 'start' : index === geometry.ticks.length - 1 ? 'end' : 'middle'
            }
          >
            {index === geometry.ticks.length - 1 ? 'now' : shortClock(tick.ms, span)}
          </text>
        ))}
      </svg>
      {geometry.drift.length > 0 && (
        <ul className={styles.driftList} aria-label="Changed outside Mooring">
          {[...geometry.drift].reverse().map((mark, index) => (
            <li key={index} data-testid="state-timeline-drift">
              <Caption1>
                {`Changed outside Mooring: ${changesText(mark.changes)}, ${timeAgo(new Date(mark.ms).toISOString(), now)}`}
                {` (${clock(mark.ms)})`}
              </Caption1>
            </li>
          ))}
        </ul>
      )}
      <ul className={styles.legend} aria-hidden="true">
        {(Object.keys(FILLS) as StateCategory[]).map((category) => (
          <li key={category}>
            <Caption1>
              <span className={styles.swatch} style={{ backgroundColor: FILLS[category] }} />
              {CATEGORY_LABELS[category]}
            </Caption1>
          </li>
        ))}
      </ul>
      <Switch
        checked={asTable}
        onChange={(_event, data) => setAsTable(data.checked)}
        label="Show as a table"
        data-testid="state-timeline-table-switch"
      />
      {asTable && (
        <Table size="small" aria-label="States over time" data-testid="state-timeline-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>State</TableHeaderCell>
              <TableHeaderCell>From</TableHeaderCell>
              <TableHeaderCell>Until</TableHeaderCell>
              <TableHeaderCell>For</TableHeaderCell>
              <TableHeaderCell>Seen by</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {geometry.segments.map((segment, index) => (
              <TableRow key={index} data-testid="state-timeline-row">
                <TableCell>{segment.state}</TableCell>
                <TableCell>{clock(segment.startMs)}</TableCell>
                <TableCell>{segment.current ? 'now' : clock(segment.endMs)}</TableCell>
                <TableCell>{formatDuration(segment.endMs - segment.startMs)}</TableCell>
                <TableCell>
                  {segment.sources
                    .map((source) => (source === 'refresh' ? 'a refresh' : 'an operation'))
                    .join(', ')}
                  {segment.observations > 1 ? ` (${segment.observations} times)` : ''}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
