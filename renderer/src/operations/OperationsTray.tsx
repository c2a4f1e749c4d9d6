import {
  Button,
  Caption1,
  CounterBadge,
  Link,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  Subtitle2,
  Tooltip,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowSync20Regular, History20Regular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import { useNow } from '../inventory/use-now';
import { useOperations } from '../state/azure-stores';
import { useShell } from '../state/shell-store-context';
import { OperationList } from './OperationList';
import { groupForTray } from './operations-model';

const useStyles = makeStyles({
  button: {
    color: tokens.colorNeutralForegroundOnBrand,
    flexShrink: 0,
    minWidth: 0,
    // On the brand-coloured header the icon keeps the header's colour in every state.
    '& .fui-Button__icon': { color: tokens.colorNeutralForegroundOnBrand },
    '&[aria-expanded="true"]': {
      color: tokens.colorNeutralForegroundOnBrand,
      backgroundColor: tokens.colorBrandBackgroundPressed,
    },
    ':hover': {
      color: tokens.colorNeutralForegroundOnBrand,
      backgroundColor: tokens.colorBrandBackgroundHover,
    },
    ':hover:active': {
      color: tokens.colorNeutralForegroundOnBrand,
      backgroundColor: tokens.colorBrandBackgroundPressed,
    },
  },
  surface: {
    width: '420px',
    maxWidth: 'calc(100vw - 32px)',
    maxHeight: '70vh',
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  heading: { margin: 0 },
  empty: { color: tokens.colorNeutralForeground3, padding: `0 ${tokens.spacingHorizontalM}` },
});

/**
 * The header's operations tray: what runs now and what ended in the last day, across every
 * tenant; each entry opens its details.
 */
export function OperationsTray() {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const operations = useOperations((state) => state.operations);
  const openDetails = useOperations((state) => state.openDetails);
  const navigate = useShell((state) => state.navigate);
  const now = useNow(open ? 1000 : 15_000);
  const groups = useMemo(() => groupForTray(operations, now), [operations, now]);
  const running = groups.running.length;
  const label =
    running > 0
      ? `Operations: ${running} running`
      : groups.recentFailures > 0
        ? `Operations: ${groups.recentFailures} failed recently`
        : 'Operations';

  const openOne = (operationId: string) => {
    setOpen(false);
    void openDetails(operationId);
  };

  return (
    <Popover
      open={open}
      onOpenChange={(_event, data) => setOpen(data.open)}
      positioning="below-end"
      trapFocus
      withArrow
    >
      <PopoverTrigger disableButtonEnhancement>
        <Tooltip content={label} relationship="label">
          <Button
            appearance="subtle"
            className={styles.button}
            icon={running > 0 ? <ArrowSync20Regular /> : <History20Regular />}
            aria-expanded={open}
            data-testid="operations-tray-button"
            data-running={running}
          >
            {running > 0 && (
              <CounterBadge
                count={running}
                size="small"
                color="informative"
                data-testid="operations-tray-running"
              />
            )}
            {running === 0 && groups.recentFailures > 0 && (
              <CounterBadge count={groups.recentFailures} size="small" color="danger" />
            )}
          </Button>
        </Tooltip>
      </PopoverTrigger>
      <PopoverSurface
        className={styles.surface}
        aria-label="Operations"
        data-testid="operations-tray"
      >
        <Subtitle2 as="h2" className={styles.heading}>
          Running now
        </Subtitle2>
        {groups.running.length === 0 ? (
          <Caption1 className={styles.empty}>Nothing is running.</Caption1>
        ) : (
          <OperationList
            operations={groups.running}
            now={now}
            label="Running now"
            onOpen={openOne}
            testId="operations-tray-running-list"
          />
        )}
        <Subtitle2 as="h2" className={styles.heading}>
          Ended recently
        </Subtitle2>
        {groups.recent.length === 0 ? (
          <Caption1 className={styles.empty}>Nothing ended in the last day.</Caption1>
        ) : (
          <OperationList
            operations={groups.recent}
            now={now}
            label="Ended recently"
            onOpen={openOne}
            testId="operations-tray-recent-list"
          />
        )}
        <Link
          as="button"
          onClick={() => {
            setOpen(false);
            navigate('activity');
          }}
          data-testid="operations-tray-activity"
        >
          All operations in Activity
        </Link>
      </PopoverSurface>
    </Popover>
  );
}
