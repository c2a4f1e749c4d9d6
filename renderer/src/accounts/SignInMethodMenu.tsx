import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  SplitButton,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import type { ButtonProps, MenuButtonProps } from '@fluentui/react-components';
import { Globe20Regular, Key20Regular, PersonAdd20Regular } from '@fluentui/react-icons';
import type { SignInMethod } from '../../../shared/domain/accounts';
import { FOCUS_AFTER_REMOVAL } from '../components/focus-after-removal';
import { useAzureGate } from '../connectivity/use-azure-gate';

const testId = (id: string): Record<`data-${string}`, string> => ({ 'data-testid': id });

interface AddAccountMenuProps {
  readonly onChoose: (method: SignInMethod) => void;
  readonly disabled: boolean;
  readonly appearance?: ButtonProps['appearance'];
}

/** "Add account" with the two ways to sign in; the browser comes first as Entra ID recommends. */
export function AddAccountMenu({
  onChoose,
  disabled,
  appearance = 'primary',
}: AddAccountMenuProps) {
  // The menu hands focus back to this button; closing the sign-in dialog puts it back here too.
  const restoreFocusTarget = useRestoreFocusTarget();
  // Without a network a sign-in cannot succeed: it waits, with the reason said.
  const gate = useAzureGate('sign-in');
  return (
    <Menu positioning="below-start">
      <MenuTrigger disableButtonEnhancement>
        <Button
          appearance={appearance}
          icon={<PersonAdd20Regular />}
          // Focusable while a sign-in runs, so closing its dialog can put focus back here.
          title={gate.reason ?? undefined}
          disabledFocusable={disabled || gate.blocked}
          {...restoreFocusTarget}
          {...FOCUS_AFTER_REMOVAL}
          data-testid="add-account-button"
        >
          Add account
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem
            icon={<Globe20Regular />}
            secondaryContent="Recommended"
            onClick={() => onChoose('browser')}
            data-testid="add-account-browser"
          >
            Sign in with browser
          </MenuItem>
          <MenuItem
            icon={<Key20Regular />}
            onClick={() => onChoose('device-code')}
            data-testid="add-account-device-code"
          >
            Use a device code
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

interface TenantSignInButtonProps {
  /** Where the sign-in goes: "Northwind Traders", or "as reader@contoso.com" with `as`. */
  readonly tenantName: string;
  readonly onChoose: (method: SignInMethod) => void;
  readonly disabled: boolean;
  /** Signs an account in again rather than one tenant: the names say "Sign in as …". */
  readonly as?: boolean;
  readonly testId?: string;
}

/**
 * Signs in to one tenant (or, with `as`, an account again): the browser on click, a device code
 * from the menu. Its visible words start its accessible name, as WCAG 2.5.3 asks.
 */
export function TenantSignInButton({
  tenantName,
  onChoose,
  disabled,
  as = false,
  testId: id = 'tenant-sign-in',
}: TenantSignInButtonProps) {
  const where = as ? `as ${tenantName}` : `to ${tenantName}`;
  // Closing the sign-in dialog puts focus back on the part of the button that started it.
  const restoreFocusTarget = useRestoreFocusTarget();
  const gate = useAzureGate('sign-in');
  return (
    <Menu positioning="below-end">
      <MenuTrigger disableButtonEnhancement>
        {(triggerProps: MenuButtonProps) => (
          <SplitButton
            size="small"
            appearance="primary"
            disabledFocusable={disabled || gate.blocked}
            menuButton={{
              ...triggerProps,
              ...restoreFocusTarget,
              'aria-label': `Other ways to sign in ${where}`,
            }}
            primaryActionButton={{
              ...restoreFocusTarget,
              onClick: () => onChoose('browser'),
              'aria-label': `Sign in ${where}`,
              title: gate.reason ?? 'Opens the sign-in page in your browser',
              // Slot objects are typed without data attributes; spreading one is still passed on.
              ...testId(id),
            }}
          >
            Sign in
          </SplitButton>
        )}
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem
            icon={<Key20Regular />}
            onClick={() => onChoose('device-code')}
            data-testid="tenant-sign-in-device-code"
          >
            Use a device code
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
