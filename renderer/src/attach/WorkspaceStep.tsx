import {
  Caption1,
  Checkbox,
  Input,
  Radio,
  RadioGroup,
  Switch,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Search20Regular } from '@fluentui/react-icons';
import { useId, useMemo, useState } from 'react';
import type { WorkspaceView } from '../../../shared/domain/inventory';
import type { InventoryEmptyReason } from '../inventory/inventory-empty';
import { workspaceTitle } from '../inventory/inventory-model';
import { noWorkspaceText } from './workspace-choice';
import { MAX_BULK_WORKSPACES } from './wizard-steps';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  options: {
    display: 'flex',
    flexDirection: 'column',
    maxHeight: '420px',
    overflowY: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalXS,
  },
  meta: { color: tokens.colorNeutralForeground3, display: 'block' },
  note: { color: tokens.colorNeutralForeground3 },
});

/** At most this many are drawn; the filter finds the rest. */
const MAX_LISTED = 200;

const matches = (workspace: WorkspaceView, terms: readonly string[]) => {
  const text =
    `${workspace.name} ${workspace.friendlyName ?? ''} ${workspace.subscriptionName} ${workspace.resourceGroup} ${workspace.location}`.toLowerCase();
  return terms.every((term) => text.includes(term));
};

function WorkspaceLabel({ workspace }: { workspace: WorkspaceView }) {
  const styles = useStyles();
  return (
    <span>
      {workspaceTitle(workspace)}
      <Caption1 className={styles.meta}>
        {workspace.subscriptionName} · {workspace.resourceGroup} · {workspace.location}
      </Caption1>
    </span>
  );
}

interface WorkspaceStepProps {
  readonly workspaces: readonly WorkspaceView[];
  readonly chosen: readonly string[];
  readonly bulk: boolean;
  readonly onBulk: (bulk: boolean) => void;
  readonly onChoose: (workspaceIds: readonly string[]) => void;
  /** Why the record holds no workspace at all (null when it holds some): says what to do first. */
  readonly emptyReason: InventoryEmptyReason | null;
}

/** The workspace (or, for a bulk attach, the workspaces) the compute will belong to. */
export function WorkspaceStep({
  workspaces,
  chosen,
  bulk,
  onBulk,
  onChoose,
  emptyReason,
}: WorkspaceStepProps) {
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const labelId = useId();
  const listed = useMemo(() => {
    const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    return workspaces
      .filter((workspace) => workspace.removedAt === null && matches(workspace, terms))
      .sort(
        (a, b) => workspaceTitle(a).localeCompare(workspaceTitle(b)) || a.id.localeCompare(b.id),
      );
  }, [workspaces, query]);
  const shown = listed.slice(0, MAX_LISTED);
  const chosenSet = new Set(chosen);

  return (
    <div className={styles.root} data-testid="attach-step-workspace">
      <Switch
        checked={bulk}
        onChange={(_event, data) => onBulk(data.checked)}
        label={`Attach to several workspaces at once (up to ${MAX_BULK_WORKSPACES})`}
        data-testid="attach-bulk-switch"
      />
      <Input
        value={query}
        onChange={(_event, data) => setQuery(data.value)}
        contentBefore={<Search20Regular />}
        placeholder="Filter by name, subscription, resource group or region"
        aria-label="Filter workspaces"
        data-testid="attach-workspace-filter"
      />
      <Caption1 id={labelId} className={styles.note} role="status">
        {bulk
          ? `${chosen.length} chosen · ${listed.length} workspaces`
          : `${listed.length} workspaces`}
        {listed.length > shown.length
          ? ` (the first ${shown.length} are listed: filter to find others)`
          : ''}
      </Caption1>
      {shown.length === 0 ? (
        <Caption1 data-testid="attach-no-workspaces">
          {noWorkspaceText(emptyReason, query.trim() !== '')}
        </Caption1>
      ) : bulk ? (
        <div className={styles.options} role="group" aria-labelledby={labelId}>
          {shown.map((workspace) => (
            <Checkbox
              key={workspace.id}
              checked={chosenSet.has(workspace.id)}
              onChange={(_event, data) =>
                onChoose(
                  data.checked
                    ? [...chosen, workspace.id]
                    : chosen.filter((id) => id !== workspace.id),
                )
              }
              label={<WorkspaceLabel workspace={workspace} />}
              data-testid="attach-workspace-option"
              data-workspace-id={workspace.id}
            />
          ))}
        </div>
      ) : (
        <RadioGroup
          className={styles.options}
          value={chosen[0] ?? ''}
          onChange={(_event, data) => onChoose([data.value])}
          aria-labelledby={labelId}
        >
          {shown.map((workspace) => (
            <Radio
              key={workspace.id}
              value={workspace.id}
              label={<WorkspaceLabel workspace={workspace} />}
              data-testid="attach-workspace-option"
              data-workspace-id={workspace.id}
            />
          ))}
        </RadioGroup>
      )}
    </div>
  );
}
