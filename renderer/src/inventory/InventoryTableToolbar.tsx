import {
  Button,
  Menu,
  MenuItemCheckbox,
  MenuList,
  MenuPopover,
  MenuTrigger,
  SearchBox,
  Switch,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { MenuProps } from '@fluentui/react-components';
import type { Facet, FacetCount, RowFilter } from '../../../shared/domain/inventory-rows';
import { ExportMenu } from '../export/ExportMenu';
import { tableExportBlockedText } from '../export/export-text';
import { useInventoryTable } from '../state/azure-stores';
import { isNarrowed } from '../state/inventory-table-store';
import { DEFAULT_COMPUTE_TYPES_SHOWN } from './table-filters';

const useStyles = makeStyles({
  bar: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  search: { flexGrow: 1, minWidth: '240px', maxWidth: '420px' },
  density: { marginLeft: 'auto' },
  menu: { maxHeight: '60vh', overflowY: 'auto' },
});

/** The filters the toolbar offers, each a menu of values with their counts. */
const FILTERS: readonly { readonly facet: Facet; readonly label: string }[] = [
  { facet: 'states', label: 'State' },
  { facet: 'tenantIds', label: 'Tenant' },
  { facet: 'subscriptionIds', label: 'Subscription' },
  { facet: 'workspaceIds', label: 'Workspace' },
  { facet: 'clusterKinds', label: 'Cluster kind' },
  { facet: 'identityTypes', label: 'Identity' },
  { facet: 'computeTypes', label: 'Type' },
  { facet: 'drift', label: 'Changed outside Mooring' },
  { facet: 'stuck', label: 'Stuck' },
];

/** The values a filter has chosen, as the menu's checked items. */
function chosenOf(filter: RowFilter, facet: Facet): string[] {
  if (facet === 'drift') return filter.drift ? [filter.drift] : [];
  if (facet === 'stuck')
    return filter.stuck === undefined ? [] : [filter.stuck ? 'stuck' : 'not-stuck'];
  if (facet === 'computeTypes') return [...(filter.computeTypes ?? DEFAULT_COMPUTE_TYPES_SHOWN)];
  return [...(filter[facet] ?? [])];
}

/**
 * For a filter of two values that exclude each other (changed or not, stuck or not): the one
 * just checked wins, none shows both; unchecking the one chosen leaves none.
 */
function newestChoice(checked: readonly string[], chosen: readonly string[]): string | undefined {
  const added = checked.filter((value) => !chosen.includes(value));
  return added[0] ?? (checked.length === 1 ? checked[0] : undefined);
}

function FilterMenu({ facet, label }: { facet: Facet; label: string }) {
  const styles = useStyles();
  const filter = useInventoryTable((state) => state.query.filter);
  const counts = useInventoryTable((state) => state.counts[facet]);
  const setFilter = useInventoryTable((state) => state.setFilter);
  const chosen = chosenOf(filter, facet);
  const values: readonly FacetCount[] = counts ?? [];
  const onChange: MenuProps['onCheckedValueChange'] = (_event, data) => {
    const checked = data.checkedItems;
    if (facet === 'drift') {
      setFilter('drift', newestChoice(checked, chosen) as RowFilter['drift']);
    } else if (facet === 'stuck') {
      const value = newestChoice(checked, chosen);
      setFilter('stuck', value === undefined ? undefined : value === 'stuck');
    } else {
      setFilter(facet, checked);
    }
  };
  const active = facet === 'computeTypes' ? filter.computeTypes !== undefined : chosen.length > 0;
  return (
    <Menu checkedValues={{ [facet]: chosen }} onCheckedValueChange={onChange}>
      <MenuTrigger disableButtonEnhancement>
        <Button
          size="small"
          appearance={active ? 'primary' : 'secondary'}
          data-testid={`table-filter-${facet}`}
        >
          {label}
          {chosen.length > 0 && facet !== 'computeTypes' ? ` (${chosen.length})` : ''}
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList className={styles.menu} aria-label={`Filter by ${label.toLowerCase()}`}>
          {values.map((value) => (
            <MenuItemCheckbox
              key={value.value}
              name={facet}
              value={value.value}
              data-testid="table-filter-option"
              data-value={value.value}
            >
              {value.label} ({value.count.toLocaleString()})
            </MenuItemCheckbox>
          ))}
          {values.length === 0 && (
            <MenuItemCheckbox name={facet} value="" disabled>
              Nothing to choose
            </MenuItemCheckbox>
          )}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

/** Search as you type, a menu per filter, clear, the density switch and Export…. */
export function InventoryTableToolbar({
  search,
  onSearch,
}: {
  search: string;
  onSearch: (search: string) => void;
}) {
  const styles = useStyles();
  const density = useInventoryTable((state) => state.density);
  const setDensity = useInventoryTable((state) => state.setDensity);
  const clearFilters = useInventoryTable((state) => state.clearFilters);
  const filtered = useInventoryTable(isNarrowed);
  const query = useInventoryTable((state) => state.query);
  const blocked = useInventoryTable(tableExportBlockedText);
  return (
    <div className={styles.bar} role="toolbar" aria-label="Filter the computes">
      <SearchBox
        className={styles.search}
        value={search}
        onChange={(_event, data) => onSearch(data.value)}
        placeholder="Search name, workspace, cluster, namespace, identity, region…"
        aria-label="Search the computes"
        // What the main process accepts (RowsQuery.search).
        maxLength={200}
        data-testid="table-search"
      />
      {FILTERS.map(({ facet, label }) => (
        <FilterMenu key={facet} facet={facet} label={label} />
      ))}
      {filtered && (
        <Button size="small" appearance="subtle" onClick={clearFilters} data-testid="table-clear">
          Clear filters
        </Button>
      )}
      <Switch
        className={styles.density}
        label="Compact rows"
        checked={density === 'compact'}
        onChange={(_event, data) => void setDensity(data.checked ? 'compact' : 'comfortable')}
        data-testid="table-density"
      />
      <ExportMenu
        kind="table"
        what="every compute the table shows (its filter, search and sort)"
        // The table's query as it stands: main runs it over every row, not only those drawn.
        request={(format) => ({ kind: 'table', format, query })}
        disabledReason={blocked}
        testId="table-export"
      />
    </div>
  );
}
