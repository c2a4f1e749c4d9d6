import {
  Badge,
  Button,
  Caption1,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  Text,
  Tooltip,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { Copy16Regular, Checkmark16Regular } from '@fluentui/react-icons';
import { memo, useRef, useState } from 'react';
import { useInventoryActions } from './inventory-actions';
import type { ComputeView } from '../../../shared/domain/inventory';
import { computeCategory } from '../../../shared/inventory/state-category';
import { copyOrSelect } from '../accounts/copy-text';
import { identityLabel, isKubernetes, resourceName, stateColor } from './compute-presentation';
import {
  ERROR_LINE_HEIGHT,
  LINES_PER_ERROR,
  MAX_ERRORS_SHOWN,
  computeRowHeight,
} from './inventory-layout';
import { driftText } from './drift-text';
import { removedText } from './record-age';
import { ROW_ATTRIBUTE } from './row-keys';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'center',
    boxSizing: 'border-box',
    padding: `0 ${tokens.spacingHorizontalL} 0 44px`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    outline: 'none',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  removed: { opacity: 0.55 },
  highlighted: {
    backgroundColor: tokens.colorBrandBackground2,
    boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}`,
  },
  line: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
    whiteSpace: 'nowrap',
  },
  name: { fontWeight: tokens.fontWeightSemibold, overflow: 'hidden', textOverflow: 'ellipsis' },
  details: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    minWidth: 0,
    color: tokens.colorNeutralForeground3,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
  },
  detail: { overflow: 'hidden', textOverflow: 'ellipsis', flexShrink: 1, minWidth: 0 },
  fixed: { flexShrink: 0 },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  cluster: { display: 'inline-flex', alignItems: 'center', flexShrink: 0 },
  offscreen: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
  copy: { minWidth: 0, height: '20px', padding: '0 2px' },
  errors: { margin: 0, padding: 0, listStyleType: 'none' },
  error: {
    height: `${ERROR_LINE_HEIGHT * LINES_PER_ERROR}px`,
    lineHeight: `${ERROR_LINE_HEIGHT}px`,
    color: tokens.colorPaletteRedForeground1,
    overflow: 'hidden',
    display: '-webkit-box',
    WebkitBoxOrient: 'vertical',
    WebkitLineClamp: LINES_PER_ERROR,
    overflowWrap: 'anywhere',
  },
  more: {
    height: `${ERROR_LINE_HEIGHT}px`,
    lineHeight: `${ERROR_LINE_HEIGHT}px`,
    color: tokens.colorPaletteRedForeground1,
  },
  // The error lines set the line height; the caption text follows it.
  inherit: { lineHeight: 'inherit' },
  removedNote: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
  driftNote: {
    color: tokens.colorPaletteMarigoldForeground2,
    minWidth: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  detailsToggle: { flexShrink: 0, minWidth: 0, height: '20px', marginLeft: 'auto' },
  open: { flexShrink: 0, minWidth: 0, height: '20px' },
  detailsSurface: { maxWidth: 'min(720px, calc(100vw - 48px))', padding: 0 },
  detailsList: {
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    listStyleType: 'none',
    maxHeight: '50vh',
    overflowY: 'auto',
    userSelect: 'text',
    cursor: 'text',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  detailsCode: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
  detailsMessage: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

/** The cluster behind a Kubernetes compute: its name, the full id on hover, and a copy button. */
function ClusterName({ clusterId }: { clusterId: string }) {
  const styles = useStyles();
  const textRef = useRef<HTMLSpanElement>(null);
  const [copied, setCopied] = useState(false);
  return (
    <span className={styles.cluster}>
      <Caption1>cluster&nbsp;</Caption1>
      <Caption1
        className={styles.mono}
        title={clusterId}
        data-testid="compute-cluster"
        data-cluster-id={clusterId}
      >
        {resourceName(clusterId)}
      </Caption1>
      {/* Where the clipboard is refused, the full id is selected here for Ctrl+C instead. */}
      <span ref={textRef} tabIndex={-1} className={styles.offscreen}>
        {clusterId}
      </span>
      <Tooltip content={copied ? 'Copied' : 'Copy the cluster’s resource id'} relationship="label">
        <Button
          appearance="transparent"
          size="small"
          className={styles.copy}
          icon={copied ? <Checkmark16Regular /> : <Copy16Regular />}
          onClick={() => {
            void copyOrSelect(clusterId, textRef.current).then((done) => setCopied(done));
          }}
          data-testid="compute-copy-cluster-id"
        />
      </Tooltip>
    </span>
  );
}

/**
 * Every provisioning error in full, code and message, as text the user can select and copy.
 * Focusable so the keyboard can scroll a long list.
 */
export function ProvisioningErrorList({ errors }: { errors: ComputeView['provisioningErrors'] }) {
  const styles = useStyles();
  return (
    <ul
      className={styles.detailsList}
      tabIndex={0}
      aria-label="Provisioning errors"
      data-testid="compute-error-details"
    >
      {errors.map((error, index) => (
        <li key={index} data-testid="compute-error-detail">
          <Caption1 as="p" block className={styles.detailsCode}>
            {error.code}
          </Caption1>
          <Caption1 as="p" block className={styles.detailsMessage}>
            {error.message}
          </Caption1>
        </li>
      ))}
    </ul>
  );
}

/**
 * "Show details": the full text of every provisioning error, beside the row (the list's rows
 * have fixed heights, so the row itself cannot grow). Escape or the button again closes it.
 */
function ErrorDetailsToggle({ compute }: { compute: ComputeView }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  return (
    <Popover
      open={open}
      onOpenChange={(_event, data) => setOpen(data.open)}
      trapFocus
      withArrow
      positioning="below-end"
    >
      <PopoverTrigger disableButtonEnhancement>
        <Button
          appearance="transparent"
          size="small"
          className={styles.detailsToggle}
          aria-expanded={open}
          // The visible words first (WCAG 2.5.3), then whose errors they are.
          aria-label={`${open ? 'Hide' : 'Show'} details of the provisioning errors of ${compute.name}`}
          data-testid="compute-error-details-toggle"
        >
          {open ? 'Hide details' : 'Show details'}
        </Button>
      </PopoverTrigger>
      <PopoverSurface className={styles.detailsSurface} aria-label={`Errors of ${compute.name}`}>
        <ProvisioningErrorList errors={compute.provisioningErrors} />
      </PopoverSurface>
    </Popover>
  );
}

function ProvisioningErrors({ compute }: { compute: ComputeView }) {
  const styles = useStyles();
  const errors = compute.provisioningErrors;
  const listed = errors.slice(0, MAX_ERRORS_SHOWN);
  if (errors.length === 0) return null;
  return (
    <ul className={styles.errors} data-testid="compute-errors">
      {listed.map((error, index) => {
        const text = `${error.code}: ${error.message}`;
        return (
          <li key={index} className={styles.error} title={text} data-testid="compute-error">
            <Caption1 className={styles.inherit}>{text}</Caption1>
          </li>
        );
      })}
      {errors.length > listed.length && (
        <li className={styles.more}>
          <Caption1 className={styles.inherit}>
            and {errors.length - listed.length} more (Show details lists them all)
          </Caption1>
        </li>
      )}
    </ul>
  );
}

interface ComputeRowProps {
  readonly compute: ComputeView;
  readonly highlighted: boolean;
  /** Whether Tab lands on this row (the list's one tab stop); the arrow keys reach the others. */
  readonly tabStop?: boolean;
  readonly now: number;
}

/**
 * One compute: name, type (Kubernetes stands out), provisioning state, cluster, namespace,
 * identity and description; a failed one also lists its provisioning errors.
 */
export const ComputeRow = memo(function ComputeRow({
  compute,
  highlighted,
  tabStop = false,
  now,
}: ComputeRowProps) {
  const styles = useStyles();
  const actions = useInventoryActions();
  // A removed compute is "Removed", never its last state: it is not failing nor succeeding now.
  const failed = computeCategory(compute) === 'failed';
  const kubernetes = isKubernetes(compute);
  const removed = compute.removedAt !== null;
  const drift = driftText(compute.drift, now);
  return (
    <div
      role="listitem"
      tabIndex={tabStop ? 0 : -1}
      {...{ [ROW_ATTRIBUTE]: compute.id }}
      className={mergeClasses(
        styles.row,
        removed && styles.removed,
        highlighted && styles.highlighted,
      )}
      style={{ height: computeRowHeight(compute) }}
      aria-label={`Compute ${compute.name}, ${compute.provisioningState}${removed ? ', removed outside Mooring' : ''}`}
      data-testid="compute-row"
      data-compute-id={compute.id}
      data-state={compute.provisioningState}
      data-removed={removed}
      data-highlighted={highlighted}
    >
      <div className={styles.line}>
        <Text className={styles.name} data-testid="compute-name">
          {compute.name}
        </Text>
        <Badge
          appearance={kubernetes ? 'filled' : 'outline'}
          color={kubernetes ? 'brand' : 'informative'}
          size="small"
          data-testid="compute-type"
          data-kubernetes={kubernetes}
        >
          {compute.computeType}
        </Badge>
        <Badge
          appearance="tint"
          color={removed ? 'informative' : stateColor(compute.provisioningState)}
          size="small"
          title={removed ? `Last seen ${compute.provisioningState}` : undefined}
          data-testid="compute-state"
        >
          {removed ? 'Removed' : compute.provisioningState}
        </Badge>
        {drift && compute.drift && (
          <Caption1
            className={styles.driftNote}
            title={`${drift} (${new Date(compute.drift.at).toLocaleString()})`}
            data-testid="compute-drift"
            data-drift-fields={compute.drift.changes.map((change) => change.field).join(' ')}
          >
            {drift}
          </Caption1>
        )}
        {compute.removedAt && (
          <Caption1
            className={styles.removedNote}
            title={new Date(compute.removedAt).toLocaleString()}
            data-testid="compute-removed"
          >
            {removedText(compute.removedAt, now)}
          </Caption1>
        )}
        {failed && compute.provisioningErrors.length > 0 && (
          <ErrorDetailsToggle compute={compute} />
        )}
        {kubernetes && actions && (
          <Button
            appearance="transparent"
            size="small"
            className={mergeClasses(
              styles.open,
              !(failed && compute.provisioningErrors.length > 0) && styles.detailsToggle,
            )}
            aria-label={`Open the page of ${compute.name}`}
            onClick={() => actions.openCompute(compute.id)}
            data-testid="compute-open"
          >
            Open
          </Button>
        )}
      </div>
      <div className={styles.details}>
        {compute.clusterId && <ClusterName clusterId={compute.clusterId} />}
        {compute.namespace && (
          <Caption1 className={styles.fixed}>
            namespace{' '}
            <span className={styles.mono} data-testid="compute-namespace">
              {compute.namespace}
            </span>
          </Caption1>
        )}
        <Caption1
          className={styles.fixed}
          title={
            [
              compute.userAssignedIdentityId,
              compute.principalId && `principal ${compute.principalId}`,
            ]
              .filter(Boolean)
              .join('\n') || undefined
          }
          data-testid="compute-identity"
        >
          {identityLabel(compute)}
        </Caption1>
        {compute.description && (
          <Caption1
            className={styles.detail}
            title={compute.description}
            data-testid="compute-description"
          >
            {compute.description}
          </Caption1>
        )}
      </div>
      {failed && <ProvisioningErrors compute={compute} />}
    </div>
  );
});
