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
import { BrowserPagePanel } from './BrowserPagePanel';
import { DeviceCodePanel } from './DeviceCodePanel';

const titleOf = (session: SignInSession) =>
  session.target.kind === 'tenant'
    ? `Sign in to ${session.target.tenantName}`
    : session.target.signInAs
      ? `Sign in as ${session.target.signInAs}`
      : 'Add an account';

/** Who to sign in as, for the sentence that ends "…, then <this>". */
const signInAsText = (session: SignInSession) =>
  session.target.kind === 'tenant'
    ? `sign in as ${session.target.username} to finish signing in to ${session.target.tenantName}`
    : session.target.signInAs
      ? `sign in as ${session.target.signInAs}`
      : 'sign in with the account you want to add';

function BrowserContent({ session }: { session: SignInSession }) {
  const page = session.browserPage;
  if (page && !page.opened) {
    return <BrowserPagePanel page={page} signInAs={signInAsText(session)} />;
  }
  const who =
    session.target.kind === 'tenant'
      ? `; sign in there as ${session.target.username}`
      : session.target.kind === 'account' && session.target.signInAs
        ? `; sign in there as ${session.target.signInAs}`
        : '';
  return (
    <div data-testid="sign-in-progress">
      <Spinner
        size="small"
        labelPosition="after"
        label={page ? 'Finish signing in in your browser…' : 'Opening the sign-in page…'}
        data-testid="sign-in-browser-waiting"
      />
      {page && (
        <Body1 as="p" data-testid="sign-in-browser-opened">
          Mooring opened your system browser at the Microsoft sign-in page{who}. If no browser
          window appeared, cancel and use a device code instead.
        </Body1>
      )}
    </div>
  );
}

function SessionContent({ session }: { session: SignInSession }) {
  if (session.method === 'browser') return <BrowserContent session={session} />;
  if (!session.deviceCode) {
    return <Spinner size="small" labelPosition="after" label="Getting a code from Microsoft…" />;
  }
  return <DeviceCodePanel prompt={session.deviceCode} signInAs={signInAsText(session)} />;
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
