import {
  Body1,
  Button,
  Caption1,
  Input,
  Link,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Copy20Regular, Open20Regular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import type { SignInPage } from '../../../shared/ipc/contract-sign-in-page';
import { copyOrSelect, isMac } from './copy-text';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  address: { fontFamily: tokens.fontFamilyMonospace, width: '100%' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM },
  status: { minHeight: '20px' },
});

/**
 * No system browser could be opened (a machine without a desktop, or the browser host): the
 * sign-in page's address, to copy into a browser or open from here.
 */
export function BrowserPagePanel({ page, signInAs }: { page: SignInPage; signInAs: string }) {
  const styles = useStyles();
  const addressRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'select'>('idle');
  const copy = async () => {
    const ok = await copyOrSelect(page.url, null);
    if (!ok) addressRef.current?.select();
    setCopied(ok ? 'copied' : 'select');
  };
  return (
    <div className={styles.root} data-testid="sign-in-address-panel">
      <Body1 as="p">
        Mooring could not open a browser on this computer. Open this address in a browser, then{' '}
        {signInAs}:
      </Body1>
      <Input
        ref={addressRef}
        readOnly
        value={page.url}
        className={styles.address}
        aria-label="Sign-in address"
        onFocus={(event) => event.target.select()}
        data-testid="sign-in-address"
      />
      <div className={styles.actions}>
        <Button
          icon={<Copy20Regular />}
          onClick={() => void copy()}
          data-testid="sign-in-address-copy"
        >
          Copy address
        </Button>
        <Link
          href={page.url}
          target="_blank"
          rel="noreferrer noopener"
          data-testid="sign-in-address-open"
        >
          <Open20Regular aria-hidden="true" /> Open in a new tab
        </Link>
      </div>
      <div role="status" aria-live="polite" className={styles.status}>
        {copied === 'copied' && <Caption1>Address copied.</Caption1>}
        {copied === 'select' && (
          <Caption1>
            Mooring may not use the clipboard here; the address is selected, press{' '}
            {isMac() ? 'Cmd+C' : 'Ctrl+C'} to copy it.
          </Caption1>
        )}
      </div>
    </div>
  );
}
