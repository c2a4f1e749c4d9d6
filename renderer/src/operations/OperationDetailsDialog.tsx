import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { OperationDetail, OperationView } from '../../../shared/domain/operations';
import { CallError } from '../components/CallError';
import { useOperations } from '../state/azure-stores';
import { OperationProgress } from './OperationProgress';
import { KIND_LABELS } from './operations-model';
import { RequestPreviewView } from './RequestPreviewView';

const useStyles = makeStyles({
  surface: { width: '820px', maxWidth: 'calc(100vw - 48px)' },
  content: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    // The content scrolls as a whole: its parts (a message bar clips what overflows it) never
    // shrink to fit and spill over each other.
    '& > *': { flexShrink: 0 },
  },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  polls: { maxHeight: '260px', overflowY: 'auto' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

function PollTable({ detail }: { detail: OperationDetail }) {
  const styles = useStyles();
  if (detail.polls.length === 0) {
    return <Caption1>Azure has not been asked about this operation yet.</Caption1>;
  }
  return (
    <div className={styles.polls} tabIndex={0} aria-label="Polls">
      <Table
        size="extra-small"
        aria-label="Every poll of the operation"
        data-testid="operation-polls"
      >
        <TableHeader>
          <TableRow>
            <TableHeaderCell>When</TableHeaderCell>
            <TableHeaderCell>HTTP</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell>Retry-After</TableHeaderCell>
            <TableHeaderCell>Note</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {detail.polls.map((poll, index) => (
            <TableRow key={index} data-testid="operation-poll">
              <TableCell>{new Date(poll.at).toLocaleString()}</TableCell>
              <TableCell className={styles.mono}>{poll.httpStatus ?? 'no answer'}</TableCell>
              <TableCell>{poll.status}</TableCell>
              <TableCell>
                {poll.retryAfterSeconds === null ? '' : `${poll.retryAfterSeconds} s`}
              </TableCell>
              <TableCell>{poll.note ?? ''}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/**
 * The operation while its details load: the row the tray already has, so the dialog shows the
 * state at once and fills in the request and polls when they arrive.
 */
function DetailBody({
  operationId,
  known,
}: {
  operationId: string;
  known: OperationView | undefined;
}) {
  const styles = useStyles();
  const open = useOperations((state) => state.open);
  const openDetails = useOperations((state) => state.openDetails);
  const detail = open?.detail;
  const operation = detail?.status === 'ready' ? detail.value.operation : known;
  return (
    <div className={styles.content}>
      {operation && <OperationProgress operation={operation} />}
      {detail?.status === 'loading' && <Spinner size="tiny" label="Reading the journal…" />}
      {detail?.status === 'failed' && (
        <CallError
          title="The details of this operation could not be read"
          error={detail.error}
          onRetry={() => void openDetails(operationId)}
          testId="operation-details-error"
        />
      )}
      {detail?.status === 'ready' && (
        <>
          <section className={styles.section}>
            <Subtitle2 as="h3">Request and equivalent commands</Subtitle2>
            <RequestPreviewView preview={detail.value.request} testId="operation-request" />
          </section>
          <section className={styles.section}>
            <Subtitle2 as="h3">Polls</Subtitle2>
            <PollTable detail={detail.value} />
          </section>
        </>
      )}
    </div>
  );
}

/** The details of one operation from the journal: progress, request, commands and every poll. */
export function OperationDetailsDialog() {
  const styles = useStyles();
  const open = useOperations((state) => state.open);
  const operations = useOperations((state) => state.operations);
  const closeDetails = useOperations((state) => state.closeDetails);
  const known = open
    ? operations.find((operation) => operation.operationId === open.operationId)
    : undefined;
  const title =
    open?.detail.status === 'ready'
      ? `${KIND_LABELS[open.detail.value.operation.kind]}: ${open.detail.value.operation.computeName}`
      : known
        ? `${KIND_LABELS[known.kind]}: ${known.computeName}`
        : 'Operation';
  return (
    <Dialog open={open !== null} onOpenChange={(_event, data) => !data.open && closeDetails()}>
      <DialogSurface className={styles.surface} data-testid="operation-details">
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>
            {open && <DetailBody operationId={open.operationId} known={known} />}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              onClick={closeDetails}
              data-testid="operation-details-close"
            >
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
