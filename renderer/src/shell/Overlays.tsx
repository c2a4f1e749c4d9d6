import { Toaster } from '@fluentui/react-components';
import { SignInDialog } from '../accounts/SignInDialog';
import { SignInToasts } from '../accounts/SignInToasts';
import { CommandPalette } from '../palette/CommandPalette';
import { ScopeDrawer } from '../scope/ScopeDrawer';
import { APP_TOASTER_ID } from './toaster-id';
import { useWindowTitle } from './use-window-title';

/** What floats over every page: the scope picker, the palette, sign-in dialogs and toasts. */
export function Overlays() {
  useWindowTitle();
  return (
    <>
      <ScopeDrawer />
      <CommandPalette />
      <SignInDialog />
      <SignInToasts />
      <Toaster toasterId={APP_TOASTER_ID} position="bottom-end" pauseOnHover pauseOnWindowBlur />
    </>
  );
}
