import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
} from '@fluentui/react-components';
import { useAccounts } from '../state/azure-stores';
import type { SignInSession } from '../state/accounts-store';
import { DeviceCodePanel } from './DeviceCodePanel';

const titleOf = (session: SignInSession) =>
  session.target.kind === 'tenant' ? `Sign in to ${session.target.tenantName}` : 'Add an account';

function SessionContent({ session }: { session: SignInSession }) {
  if (session.method === 'browser') {
    return (
      <div data-testid="sign-in-progress">
        <Spinner
          size="small"
          labelPosition="after"
          label="Finish signing in in your browser…"
          data-testid="sign-in-browser-waiting"
        />
        <Body1 as="p">
          Mooring opened your system browser at the Microsoft sign-in page
          {session.target.kind === 'tenant' ? `; sign in there as ${session.target.username}` : ''}.
          If no browser window appeared, cancel and use a device code instead.
        </Body1>
      </div>
    );
  }
  if (!session.deviceCode) {
    return <Spinner size="small" labelPosition="after" label="Getting a code from Microsoft…" />;
  }
  const signInAs =
    session.target.kind === 'tenant'
      ? `sign in as ${session.target.username} to finish signing in to ${session.target.tenantName}`
      : 'sign in with the account you want to add';
  return <DeviceCodePanel prompt={session.deviceCode} signInAs={signInAs} />;
}

/**
 * While a sign-in runs: what the user has to do (finish in the browser, or enter the code
 * elsewhere) and a way out. Escape cancels too. Shown wherever the sign-in was started from.
 */
export function SignInDialog() {
  const session = useAccounts((state) => state.session);
  const cancelSignIn = useAccounts((state) => state.cancelSignIn);
  if (!session) return null;

  return (
    <Dialog
      open
      modalType="alert"
      onOpenChange={(_event, data) => {
        if (!data.open) void cancelSignIn();
      }}
    >
      <DialogSurface
        data-testid={session.method === 'device-code' ? 'device-code-dialog' : 'sign-in-dialog'}
      >
        <DialogBody>
          <DialogTitle>{titleOf(session)}</DialogTitle>
          <DialogContent>
            <SessionContent session={session} />
          </DialogContent>
          <DialogActions>
            <Button
              onClick={() => void cancelSignIn()}
              disabled={session.cancelling}
              data-testid="sign-in-cancel"
            >
              {session.cancelling ? 'Cancelling…' : 'Cancel'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
