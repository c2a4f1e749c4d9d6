import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect } from 'react';
import type { ComputeDetail } from '../../../shared/domain/operations';
import { CallError } from '../components/CallError';
import { resourceName } from '../inventory/compute-presentation';
import { RequestPreviewView } from '../operations/RequestPreviewView';
import { useAzureStores, useCompute } from '../state/azure-stores';
import { useAzureGate } from '../connectivity/use-azure-gate';

const useStyles = makeStyles({
  surface: { width: '720px', maxWidth: 'calc(100vw - 48px)' },
  content: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    // The content scrolls as a whole: its parts (a message bar clips what overflows it) never
    // shrink to fit and spill over each other.
    '& > *': { flexShrink: 0 },
  },
  danger: {
    backgroundColor: tokens.colorPaletteRedBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': {
      backgroundColor: tokens.colorPaletteRedForeground1,
      color: tokens.colorNeutralForegroundOnBrand,
    },
  },
});

interface DetachDialogProps {
  readonly detail: ComputeDetail;
  readonly open: boolean;
  readonly onClose: () => void;
}

/**
 * Confirms a detach, naming the compute and workspace and saying what stays. Cancel is the
 * default: Enter on opening, or Escape, changes nothing.
 */
export function DetachDialog({ detail, open, onClose }: DetachDialogProps) {
  // Actions that need Azure wait, with the reason said, while it cannot be reached.
  const gate = useAzureGate();
  const styles = useStyles();
  const { compute: computeStore, operations } = useAzureStores();
  const preview = useCompute((state) => state.detachPreview);
  const status = useCompute((state) => state.detach);
  const sending = status.status === 'sending';
  const { compute } = detail;
  const cluster = compute.clusterId ? resourceName(compute.clusterId) : 'the cluster';

  useEffect(() => {
    if (open) void computeStore.getState().previewDetach();
  }, [open, computeStore]);

  const close = () => {
    computeStore.getState().resetChanges();
    onClose();
  };
  const confirm = async () => {
    const operation = await computeStore.getState().detachCompute();
    if (!operation) return;
    operations.getState().receive(operation);
    close();
    void computeStore.getState().reload();
  };

  return (
    <Dialog
      open={open}
      modalType="alert"
      onOpenChange={(_event, data) => !data.open && !sending && close()}
    >
      <DialogSurface className={styles.surface} data-testid="detach-dialog">
        <DialogBody>
          <DialogTitle>
            Detach {compute.name} from {compute.workspaceName}?
          </DialogTitle>
          <DialogContent className={styles.content}>
            <p data-testid="detach-explanation">
              The compute <strong>{compute.name}</strong> is removed from the workspace{' '}
              <strong>{compute.workspaceName}</strong>: jobs can no longer use it. The cluster{' '}
              <strong>{cluster}</strong>, its Azure Machine Learning extension and the{' '}
              <code>azureml</code> namespace stay as they are (Mooring sends{' '}
              <code>underlyingResourceAction=Detach</code>, never Delete). Mooring keeps the
              compute’s history in its local record.
            </p>
            {preview?.status === 'loading' && (
              <Spinner size="tiny" label="Preparing the request…" />
            )}
            {preview?.status === 'failed' && (
              <CallError
                title="The detach request could not be prepared"
                error={preview.error}
                testId="detach-preview-error"
              />
            )}
            {preview?.status === 'ready' && (
              <RequestPreviewView preview={preview.value} testId="detach-request" />
            )}
            {status.status === 'failed' && (
              <CallError
                title="The compute could not be detached"
                error={status.error}
                testId="detach-error"
              />
            )}
          </DialogContent>
          <DialogActions>
            {/* Cancel first and focused: the safe choice is the default one. */}
            <Button
              appearance="primary"
              onClick={close}
              disabled={sending}
              autoFocus
              data-testid="detach-cancel"
            >
              Cancel
            </Button>
            <Button
              className={styles.danger}
              onClick={() => void confirm()}
              disabled={sending}
              icon={sending ? <Spinner size="tiny" /> : undefined}
              {...gate.props}
              data-testid="detach-confirm"
            >
              {sending ? 'Detaching…' : `Detach ${compute.name}`}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
