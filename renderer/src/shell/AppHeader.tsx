import { Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { VehicleShip24Regular } from '@fluentui/react-icons';
import { HeaderActions } from './HeaderActions';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    height: '48px',
    padding: `0 ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  mark: { display: 'flex' },
  name: { color: 'inherit' },
  tagline: {
    color: 'inherit',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    minWidth: 0,
    // Below this width the header's scope and account buttons need the room more.
    '@media (max-width: 1100px)': { display: 'none' },
    paddingLeft: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThin} solid currentColor`,
  },
});

/** The top bar: the product's name and what it is for, then search, scope and accounts. */
export function AppHeader() {
  const styles = useStyles();
  return (
    <header className={styles.root}>
      <span className={styles.mark} aria-hidden="true">
        <VehicleShip24Regular />
      </span>
      <Subtitle2 as="span" className={styles.name} data-testid="product-name">
        Mooring
      </Subtitle2>
      <Caption1 className={styles.tagline}>Kubernetes computes for Azure Machine Learning</Caption1>
      <HeaderActions />
    </header>
  );
}
