import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
  Toast,
  ToastTitle,
  useToastController,
} from '@fluentui/react-components';
import type { AccountView } from '../../../shared/domain/accounts';
import { CallError } from '../components/CallError';
import { useAccounts } from '../state/azure-stores';
import { accountLabel } from '../state/accounts-store';
import { APP_TOASTER_ID } from '../shell/toaster-id';

interface SignOutDialogProps {
  readonly account: AccountView;
  readonly open: boolean;
  readonly onClose: () => void;
}

/** Confirms a sign-out, says what it does and does not remove, and shows how it went. */
export function SignOutDialog({ account, open, onClose }: SignOutDialogProps) {
  const status = useAccounts((state) => state.signOutStatus);
  const signOut = useAccounts((state) => state.signOut);
  const running = status.status === 'running' && status.accountId === account.accountId;
  const failed = status.status === 'failed' && status.accountId === account.accountId;

  const { dispatchToast } = useToastController(APP_TOASTER_ID);

  const confirm = async () => {
    if (!(await signOut(account.accountId))) return;
    onClose();
    dispatchToast(
      <Toast data-testid="sign-out-toast">
        <ToastTitle>Signed out {account.username}</ToastTitle>
      </Toast>,
      { intent: 'success' },
    );
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(_event, data) => {
        if (!data.open && !running) onClose();
      }}
    >
      <DialogSurface data-testid="sign-out-dialog">
        <DialogBody>
          <DialogTitle>Sign out {accountLabel(account)}?</DialogTitle>
          <DialogContent>
            <p>
              Mooring forgets the tokens of {account.username} on this computer. Other accounts stay
              signed in, and your tenant and subscription selections are kept for when you sign in
              again.
            </p>
            {failed && status.status === 'failed' && (
              <CallError
                title="Signing out failed"
                error={status.error}
                onRetry={() => void confirm()}
                testId="sign-out-error"
              />
            )}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              onClick={() => void confirm()}
              disabled={running}
              icon={running ? <Spinner size="tiny" /> : undefined}
              data-testid="sign-out-confirm"
            >
              {running ? 'Signing out…' : 'Sign out'}
            </Button>
            <Button onClick={onClose} disabled={running} data-testid="sign-out-cancel">
              Keep signed in
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
