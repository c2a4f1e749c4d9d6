import {
  Button,
  Caption1,
  Link,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { CheckmarkCircle16Filled, Copy20Regular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import type { DeviceCodePrompt } from '../../../shared/domain/accounts';
import { copyOrSelect, isMac } from './copy-text';
import { formatMinutesSeconds, useSecondsLeft } from './use-countdown';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  codeRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: '32px',
    lineHeight: '40px',
    letterSpacing: '0.12em',
    fontWeight: tokens.fontWeightSemibold,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    userSelect: 'all',
    outline: 'none',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  url: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
  copied: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorPaletteGreenForeground1,
  },
  expiry: { color: tokens.colorNeutralForeground3 },
  // Room for the copy status from the start, so the dialog does not jump when it appears.
  copyStatus: { minHeight: '20px' },
});

type CopyState = 'idle' | 'copied' | 'select';

/** The code to type at the verification address, with a copy button and the time it has left. */
interface DeviceCodePanelProps {
  readonly prompt: DeviceCodePrompt;
  /** What to do once the code is entered: which account to sign in with. */
  readonly signInAs: string;
}

export function DeviceCodePanel({ prompt, signInAs }: DeviceCodePanelProps) {
  const styles = useStyles();
  const codeRef = useRef<HTMLElement>(null);
  const [copyState, setCopyState] = useState<CopyState>('idle');
  const secondsLeft = useSecondsLeft(prompt.expiresAt);

  const copy = async () => {
    setCopyState((await copyOrSelect(prompt.userCode, codeRef.current)) ? 'copied' : 'select');
  };

  if (secondsLeft === 0) {
    return (
      <MessageBar intent="warning" data-testid="device-code-expired">
        <MessageBarBody>
          This code has expired. Cancel and start the sign-in again for a new code.
        </MessageBarBody>
      </MessageBar>
    );
  }

  return (
    <div className={styles.root} data-testid="device-code-panel">
      <ol className={styles.steps}>
        <li>
          On any device, open{' '}
          <Link
            href={prompt.verificationUri}
            target="_blank"
            rel="noreferrer noopener"
            className={styles.url}
            data-testid="device-code-url"
          >
            {prompt.verificationUri}
          </Link>
        </li>
        <li>Enter this code, then {signInAs}.</li>
      </ol>
      <div className={styles.codeRow}>
        <code
          ref={codeRef}
          tabIndex={0}
          className={styles.code}
          aria-label={`Code ${prompt.userCode.split('').join(' ')}`}
          data-testid="device-code"
        >
          {prompt.userCode}
        </code>
        <Button icon={<Copy20Regular />} onClick={() => void copy()} data-testid="device-code-copy">
          Copy code
        </Button>
      </div>
      <div
        role="status"
        aria-live="polite"
        className={styles.copyStatus}
        data-testid="device-code-copy-status"
      >
        {copyState === 'copied' && (
          <Caption1 className={styles.copied}>
            <CheckmarkCircle16Filled aria-hidden="true" />
            Code copied.
          </Caption1>
        )}
        {copyState === 'select' && (
          <Caption1>
            Mooring may not use the clipboard here; the code is selected, press{' '}
            {isMac() ? 'Cmd+C' : 'Ctrl+C'} to copy it.
          </Caption1>
        )}
      </div>
      <Caption1 className={styles.expiry} data-testid="device-code-expiry">
        The code expires in {formatMinutesSeconds(secondsLeft)}.
      </Caption1>
    </div>
  );
}
