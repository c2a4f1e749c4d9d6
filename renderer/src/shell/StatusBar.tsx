import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { DatabaseRegular } from '@fluentui/react-icons';
import { useShell } from '../state/shell-store-context';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    minHeight: '28px',
    padding: `0 ${tokens.spacingHorizontalL}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground2,
  },
  database: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    minWidth: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
});

/**
 * The footer: which version is running and that a local record is in use. The database's full
 * path (which names the user's folders) is not on screen all the time: Settings › About has it.
 */
export function StatusBar() {
  const styles = useStyles();
  const appInfo = useShell((state) => state.appInfo);

  return (
    <footer className={styles.root}>
      {appInfo.status === 'loading' && <Caption1>Loading app information…</Caption1>}
      {appInfo.status === 'failed' && <Caption1>App information is unavailable.</Caption1>}
      {appInfo.status === 'ready' && (
        <>
          <Caption1 data-testid="footer-version">
            {appInfo.value.name} {appInfo.value.version}
          </Caption1>
          <Caption1 className={styles.database} data-testid="footer-database">
            <DatabaseRegular aria-hidden="true" />
            Local record on this computer (where: Settings › About)
          </Caption1>
        </>
      )}
    </footer>
  );
}
