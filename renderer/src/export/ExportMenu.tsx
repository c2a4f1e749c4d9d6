import {
  Button,
  Caption1,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import type { ExportFormat, ExportRequest } from '../../../shared/domain/export';
import { CallError } from '../components/CallError';
import { useExports } from '../state/azure-stores';
import { exportOutcomeText } from './export-text';
import { offerDownload } from './offer-download';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  note: { color: tokens.colorNeutralForeground2 },
});

interface ExportMenuProps {
  readonly kind: ExportRequest['kind'];
  /** The request for a format: the page's filter as it is when the user chooses. */
  readonly request: (format: ExportFormat) => ExportRequest;
  /** What is exported, for the button's tooltip: "the computes shown". */
  readonly what: string;
  readonly testId: string;
  /** Why there is nothing to export now (an empty table): the button waits, saying so. */
  readonly disabledReason?: string | null;
}

/**
 * "Export…" with CSV and JSON. The main process reads the rows and writes the file where the
 * user chooses; in the browser host it answers the file and this offers it as a download.
 */
export function ExportMenu({
  kind,
  request,
  what,
  testId,
  disabledReason = null,
}: ExportMenuProps) {
  const styles = useStyles();
  const exporting = useExports((state) => state.exporting);
  const exportFile = useExports((state) => state.exportFile);
  const dismiss = useExports((state) => state.dismiss);
  const mine = exporting.status !== 'idle' && exporting.kind === kind;
  const running = mine && exporting.status === 'running';

  const run = async (format: ExportFormat) => {
    const outcome = await exportFile(request(format));
    if (outcome?.outcome === 'download') offerDownload(outcome);
  };
  const note = mine && exporting.status === 'done' ? exportOutcomeText(exporting.outcome) : null;

  return (
    <div className={styles.root}>
      <Menu positioning="below-end">
        <MenuTrigger disableButtonEnhancement>
          <Button
            icon={<ArrowDownload20Regular />}
            disabledFocusable={running || disabledReason !== null}
            title={disabledReason ?? `Export ${what} to a CSV or JSON file`}
            aria-description={disabledReason ?? undefined}
            data-testid={testId}
          >
            Export…
          </Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuItem
              secondaryContent="Opens in Excel"
              onClick={() => void run('csv')}
              data-testid={`${testId}-csv`}
            >
              CSV
            </MenuItem>
            <MenuItem onClick={() => void run('json')} data-testid={`${testId}-json`}>
              JSON
            </MenuItem>
          </MenuList>
        </MenuPopover>
      </Menu>
      {running && <Spinner size="tiny" label="Exporting…" />}
      <Caption1 className={styles.note} role="status" data-testid={`${testId}-status`}>
        {note}
      </Caption1>
      {mine && exporting.status === 'failed' && (
        <CallError
          title="The export was not written"
          error={exporting.error}
          onDismiss={dismiss}
          testId={`${testId}-error`}
        />
      )}
    </div>
  );
}
