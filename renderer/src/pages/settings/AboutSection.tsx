import { Spinner, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import type { AppInfo } from '../../../../shared/ipc/contract';
import { CallError } from '../../components/CallError';
import { SettingsSection } from '../../components/SettingsSection';
import { useShell } from '../../state/shell-store-context';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalXXL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    ...typographyStyles.body1,
  },
  term: { color: tokens.colorNeutralForeground2 },
  detail: { margin: 0, minWidth: 0 },
  path: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
});

function AppInfoList({ info }: { info: AppInfo }) {
  const styles = useStyles();
  return (
    <dl className={styles.list}>
      <dt className={styles.term}>Product</dt>
      <dd className={styles.detail} data-testid="about-name">
        {info.name}
      </dd>
      <dt className={styles.term}>Version</dt>
      <dd className={styles.detail} data-testid="about-version">
        {info.version}
      </dd>
      <dt className={styles.term}>Platform</dt>
      <dd className={styles.detail} data-testid="about-platform">
        {info.platform}
      </dd>
      <dt className={styles.term}>Local database</dt>
      <dd className={styles.detail}>
        <code className={styles.path} data-testid="about-database-path">
          {info.databasePath}
        </code>
      </dd>
    </dl>
  );
}

/** The product, its version and where its local record lives, as the main process reports them. */
export function AboutSection() {
  const appInfo = useShell((state) => state.appInfo);
  const loadAppInfo = useShell((state) => state.loadAppInfo);

  return (
    <SettingsSection title="About">
      {appInfo.status === 'loading' && <Spinner size="tiny" label="Loading app information…" />}
      {appInfo.status === 'failed' && (
        <CallError
          title="App information could not be loaded"
          error={appInfo.error}
          onRetry={() => void loadAppInfo()}
          testId="app-info-error"
        />
      )}
      {appInfo.status === 'ready' && <AppInfoList info={appInfo.value} />}
    </SettingsSection>
  );
}
