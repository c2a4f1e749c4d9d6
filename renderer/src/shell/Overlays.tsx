import { Toaster } from '@fluentui/react-components';
import { SignInDialog } from '../accounts/SignInDialog';
import { SignInToasts } from '../accounts/SignInToasts';
import { OperationDetailsDialog } from '../operations/OperationDetailsDialog';
import { useOperationNotifications } from '../operations/use-operation-notifications';
import { CommandPalette } from '../palette/CommandPalette';
import { useAzureStores } from '../state/azure-stores';
import { ScopeDrawer } from '../scope/ScopeDrawer';
import { APP_TOASTER_ID } from './toaster-id';
import { useWindowTitle } from './use-window-title';

/**
 * What floats over every page: the scope picker, the palette, sign-in dialogs, operation details,
 * toasts, and desktop notifications of long operations that end.
 */
export function Overlays() {
  useWindowTitle();
  useOperationNotifications(useAzureStores().operations);
  return (
    <>
      <ScopeDrawer />
      <CommandPalette />
      <SignInDialog />
      <SignInToasts />
      <OperationDetailsDialog />
      <Toaster toasterId={APP_TOASTER_ID} position="bottom-end" pauseOnHover pauseOnWindowBlur />
    </>
  );
}
