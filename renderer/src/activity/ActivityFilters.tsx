import { Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { OperationKind, OperationStatus } from '../../../shared/domain/operations';
import { KIND_LABELS, STATUS_LABELS } from '../operations/operations-model';
import { ANY_ACTIVITY, changeFilter, dateRangeProblem, isFiltering } from './activity-model';
import type { ActivityChoice, ActivityChoices, ActivityViewFilter } from './activity-model';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
  },
  select: { minWidth: '170px', maxWidth: '260px' },
  // A native select sizes itself to its longest option: held to its field, it never runs over
  // the next filter (long workspace names did).
  control: { width: '100%', minWidth: 0 },
  date: { width: '160px' },
});

const ANY = '';

interface ChoiceFieldProps {
  readonly label: string;
  readonly value: string | null;
  readonly choices: readonly ActivityChoice[];
  readonly anyLabel: string;
  readonly onChange: (value: string | null) => void;
  readonly testId: string;
}

/** A native select: keyboard and screen readers get the platform's own behaviour. */
function ChoiceField({ label, value, choices, anyLabel, onChange, testId }: ChoiceFieldProps) {
  const styles = useStyles();
  const known = value === null || choices.some((choice) => choice.id === value);
  return (
    <Field label={label} className={styles.select}>
      <Select
        className={styles.control}
        select={{ className: styles.control }}
        value={value ?? ANY}
        onChange={(_event, data) => onChange(data.value === ANY ? null : data.value)}
        data-testid={testId}
      >
        <option value={ANY}>{anyLabel}</option>
        {!known && value !== null && <option value={value}>{value}</option>}
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

const kindChoices = OperationKind.options.map((kind) => ({ id: kind, label: KIND_LABELS[kind] }));
const statusChoices = OperationStatus.options.map((status) => ({
  id: status,
  label: STATUS_LABELS[status],
}));
const asKind = (value: string | null) => OperationKind.safeParse(value).data ?? null;
const asStatus = (value: string | null) => OperationStatus.safeParse(value).data ?? null;

interface ActivityFiltersProps {
  readonly filter: ActivityViewFilter;
  readonly choices: ActivityChoices;
  readonly onChange: (filter: ActivityViewFilter) => void;
  /** The Export menu, beside the filters it exports by. */
  readonly actions?: ReactNode;
}

/** Tenant, subscription, workspace, kind, status and a range of days, and a way to clear them. */
export function ActivityFilters({ filter, choices, onChange, actions }: ActivityFiltersProps) {
  const styles = useStyles();
  const change = (patch: Partial<ActivityViewFilter>) =>
    onChange(changeFilter(filter, patch, choices));
  const rangeProblem = dateRangeProblem(filter);
  return (
    <div className={styles.row} role="group" aria-label="Filter the activity">
      <ChoiceField
        label="Tenant"
        value={filter.tenantId}
        choices={choices.tenants}
        anyLabel="All tenants"
        onChange={(tenantId) => change({ tenantId })}
        testId="activity-filter-tenant"
      />
      <ChoiceField
        label="Subscription"
        value={filter.subscriptionId}
        choices={choices.subscriptions}
        anyLabel="All subscriptions"
        onChange={(subscriptionId) => change({ subscriptionId })}
        testId="activity-filter-subscription"
      />
      <ChoiceField
        label="Workspace"
        value={filter.workspaceId}
        choices={choices.workspaces}
        anyLabel="All workspaces"
        onChange={(workspaceId) => change({ workspaceId })}
        testId="activity-filter-workspace"
      />
      <ChoiceField
        label="Kind"
        value={filter.kind}
        choices={kindChoices}
        anyLabel="All kinds"
        onChange={(kind) => change({ kind: asKind(kind) })}
        testId="activity-filter-kind"
      />
      <ChoiceField
        label="Status"
        value={filter.status}
        choices={statusChoices}
        anyLabel="Any status"
        onChange={(status) => change({ status: asStatus(status) })}
        testId="activity-filter-status"
      />
      <Field label="From" className={styles.date}>
        <Input
          type="date"
          value={filter.from}
          onChange={(_event, data) => change({ from: data.value })}
          data-testid="activity-filter-from"
        />
      </Field>
      <Field
        label="To"
        className={styles.date}
        validationState={rangeProblem ? 'error' : 'none'}
        validationMessage={rangeProblem ?? undefined}
      >
        <Input
          type="date"
          value={filter.to}
          onChange={(_event, data) => change({ to: data.value })}
          data-testid="activity-filter-to"
        />
      </Field>
      {isFiltering(filter) && (
        <Button
          appearance="subtle"
          icon={<DismissRegular />}
          onClick={() => onChange(ANY_ACTIVITY)}
          data-testid="activity-filter-clear"
        >
          Clear filters
        </Button>
      )}
      {actions}
    </div>
  );
}
