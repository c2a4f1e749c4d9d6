import {
  Body1,
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  Switch,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { LockClosed16Regular, Warning16Regular } from '@fluentui/react-icons';
import type { ConnectionView, TokenStorageStatus } from '../../../../../shared/domain/connection';

const useStyles = makeStyles({
  status: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  secure: { color: tokens.colorPaletteGreenForeground1, display: 'flex' },
  weak: { color: tokens.colorPaletteDarkOrangeForeground1, display: 'flex' },
});

const STATUS_TEXT: Record<TokenStorageStatus['mode'], string> = {
  encrypted: 'Tokens are encrypted with your operating system’s key store.',
  memory: 'No secure store: you will sign in again after each restart.',
  'weak-encrypted':
    'No secure store: tokens are kept on disk, encrypted with a key Mooring holds itself, as you chose.',
};

interface TokenStorageFieldProps {
  readonly status: TokenStorageStatus;
  /** Whether the opt-in can apply at all here (see ConnectionView). */
  readonly optIn: ConnectionView['tokenOptIn'];
  readonly allowWeak: boolean;
  readonly onAllowWeakChange: (allow: boolean) => void;
  readonly disabled: boolean;
  readonly policyNote: string | null;
}

/**
 * Where sign-in tokens live. Only without an OS key store is there a choice, and the opt-in says
 * plainly what it costs. Where nothing can encrypt at all, the switch could do nothing: it is
 * shown off and disabled, saying why, rather than left on while tokens stay in memory anyway.
 */
export function TokenStorageField({
  status,
  optIn,
  allowWeak,
  onAllowWeakChange,
  disabled,
  policyNote,
}: TokenStorageFieldProps) {
  const styles = useStyles();
  const secure = status.mode === 'encrypted';
  return (
    <Field label="Token storage" hint={policyNote ?? undefined}>
      <Body1 className={styles.status} data-testid="token-storage-status" data-mode={status.mode}>
        <span className={secure ? styles.secure : styles.weak} aria-hidden="true">
          {secure ? <LockClosed16Regular /> : <Warning16Regular />}
        </span>
        {STATUS_TEXT[status.mode]}
      </Body1>
      {optIn !== 'not-needed' && (
        <>
          <Switch
            checked={allowWeak && optIn === 'available'}
            disabled={disabled || optIn === 'unavailable'}
            onChange={(_event, data) => onAllowWeakChange(data.checked)}
            label="Keep tokens on disk without a secure store"
            aria-describedby={
              optIn === 'unavailable' ? 'connection-allow-weak-unavailable' : undefined
            }
            data-testid="connection-allow-weak"
          />
          {optIn === 'unavailable' && (
            <Caption1
              id="connection-allow-weak-unavailable"
              data-testid="connection-allow-weak-unavailable"
            >
              Not available here: this computer offers no way at all to encrypt tokens, so they stay
              in memory and you sign in again after each restart, whatever this switch says.
            </Caption1>
          )}
          {allowWeak && optIn === 'available' && (
            <MessageBar intent="warning" layout="multiline" data-testid="connection-weak-warning">
              <MessageBarBody>
                Without an operating-system key store, the key that encrypts your tokens sits on
                this disk too: anyone who can read your user folder can sign in to Azure as you.
                Turn this on only on a machine nobody else uses, or install a keyring (such as GNOME
                Keyring or KWallet) and restart Mooring instead.
              </MessageBarBody>
            </MessageBar>
          )}
        </>
      )}
    </Field>
  );
}
