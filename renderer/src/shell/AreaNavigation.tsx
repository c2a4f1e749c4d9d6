import {
  NavDrawer,
  NavDrawerBody,
  NavDrawerFooter,
  NavItem,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  PersonAccounts20Filled,
  PersonAccounts20Regular,
  History20Filled,
  History20Regular,
  PlugConnected20Filled,
  PlugConnected20Regular,
  ServerMultiple20Filled,
  ServerMultiple20Regular,
  Settings20Filled,
  Settings20Regular,
  bundleIcon,
} from '@fluentui/react-icons';
import { useShell } from '../state/shell-store-context';
import { AREA_LABELS, isAreaId } from './areas';
import type { AreaId } from './areas';

// Filled when selected, regular otherwise, as Fluent's navigation pattern does.
const AREA_ICONS: Record<AreaId, ReturnType<typeof bundleIcon>> = {
  inventory: bundleIcon(ServerMultiple20Filled, ServerMultiple20Regular),
  attach: bundleIcon(PlugConnected20Filled, PlugConnected20Regular),
  activity: bundleIcon(History20Filled, History20Regular),
  accounts: bundleIcon(PersonAccounts20Filled, PersonAccounts20Regular),
  settings: bundleIcon(Settings20Filled, Settings20Regular),
};

const WORK_AREAS: readonly AreaId[] = ['inventory', 'attach', 'activity'];
// Accounts and Settings are about the app rather than the work, so they sit at the bottom.
const APP_AREAS: readonly AreaId[] = ['settings', 'accounts'];

const useStyles = makeStyles({
  drawer: {
    height: '100%',
    width: '220px',
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  body: { paddingTop: tokens.spacingVerticalM },
  // Fluent's own footer padding does not line up with the body's items, so match them here.
  footer: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXS} ${tokens.spacingVerticalM} ${tokens.spacingHorizontalMNudge}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

function AreaItem({ area }: { area: AreaId }) {
  const Icon = AREA_ICONS[area];
  return (
    <NavItem value={area} icon={<Icon />} data-testid={`nav-${area}`}>
      {AREA_LABELS[area]}
    </NavItem>
  );
}

/** The left navigation between areas; arrow keys move between items, Enter opens one. */
export function AreaNavigation() {
  const styles = useStyles();
  const area = useShell((state) => state.area);
  const navigate = useShell((state) => state.navigate);

  return (
    <NavDrawer
      open
      type="inline"
      aria-label="Areas"
      className={styles.drawer}
      selectedValue={area}
      onNavItemSelect={(_event, data) => {
        if (isAreaId(data.value)) navigate(data.value);
      }}
    >
      <NavDrawerBody className={styles.body}>
        {WORK_AREAS.map((id) => (
          <AreaItem key={id} area={id} />
        ))}
      </NavDrawerBody>
      <NavDrawerFooter className={styles.footer}>
        {APP_AREAS.map((id) => (
          <AreaItem key={id} area={id} />
        ))}
      </NavDrawerFooter>
    </NavDrawer>
  );
}
