import { makeStyles } from '@fluentui/react-components';
import { OfflineBanner } from '../connectivity/OfflineBanner';
import { AppHeader } from './AppHeader';
import { AreaNavigation } from './AreaNavigation';
import { AreaView } from './AreaView';
import { Overlays } from './Overlays';
import { RenderErrorBoundary } from './RenderErrorBoundary';
import { StatusBar } from './StatusBar';

const useStyles = makeStyles({
  root: {
    display: 'grid',
    height: '100%',
    gridTemplateRows: 'auto minmax(0, 1fr) auto',
    gridTemplateColumns: 'auto minmax(0, 1fr)',
    gridTemplateAreas: '"header header" "nav main" "footer footer"',
  },
  header: { gridArea: 'header' },
  nav: { gridArea: 'nav', minHeight: 0 },
  // Positioned, so absolutely placed parts of a page (the off-screen text of a copy button)
  // scroll and clip with it instead of making the whole window taller.
  main: { gridArea: 'main', overflowY: 'auto', position: 'relative' },
  footer: { gridArea: 'footer' },
});

/** Header on top, areas on the left, the selected page in the middle, status at the bottom. */
export function ShellLayout() {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <div className={styles.header}>
        <AppHeader />
        <OfflineBanner />
      </div>
      <div className={styles.nav}>
        <AreaNavigation />
      </div>
      <main className={styles.main}>
        <RenderErrorBoundary>
          <AreaView />
        </RenderErrorBoundary>
      </main>
      <div className={styles.footer}>
        <StatusBar />
      </div>
      <Overlays />
    </div>
  );
}
