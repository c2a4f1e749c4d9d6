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
import { focusAfterRemoval } from '../components/focus-after-removal';
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
    // This account's card, and the button that opened the dialog, are gone.
    focusAfterRemoval();
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
              signed in.
            </p>
            <p data-testid="sign-out-keeps">
              Its subscriptions stay in the picker and the inventory, marked Needs sign-in, with
              your selection, favourites and their last known workspaces; a subscription another
              account also reaches is used through that account. Sign in as {account.username} again
              to use the others, or hide them in the picker.
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
            {/* The safe choice is the default and has focus; signing out is never one Enter away. */}
            <Button
              appearance="primary"
              onClick={onClose}
              disabled={running}
              autoFocus
              data-testid="sign-out-cancel"
            >
              Keep signed in
            </Button>
            <Button
              onClick={() => void confirm()}
              disabled={running}
              icon={running ? <Spinner size="tiny" /> : undefined}
              aria-label={running ? undefined : `Sign out ${account.username}`}
              data-testid="sign-out-confirm"
            >
              {running ? 'Signing out…' : 'Sign out'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
