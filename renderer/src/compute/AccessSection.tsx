import {
  Badge,
  Button,
  Caption1,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Add20Regular, ArrowSync20Regular, Delete20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { ComputeAccess, RoleAssignmentView } from '../../../shared/domain/roles';
import { CallError } from '../components/CallError';
import { CopyButton } from '../components/CopyButton';
import { useNow } from '../inventory/use-now';
import { timeAgo } from '../scope/relative-time';
import { useAccess, useAzureStores } from '../state/azure-stores';
import {
  assignmentRows,
  grantFor,
  grantLine,
  presetState,
  scopeLabel,
  visibleGrants,
} from './access-model';
import { GrantRoleDialog } from './GrantRoleDialog';
import { RoleCommandsView } from './RoleCommandsView';
import { RemoveAssignmentDialog } from './RemoveAssignmentDialog';
import { useAzureGate } from '../connectivity/use-azure-gate';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingVerticalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  heading: { margin: 0, marginRight: 'auto' },
  subheading: { margin: 0 },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  mono: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
  list: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  preset: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) max-content',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  presetText: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
  },
  presetActions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

function AccessView({ access }: { access: ComputeAccess }) {
  // Actions that need Azure wait, with the reason said, while it cannot be reached.
  const gate = useAzureGate();
  const styles = useStyles();
  const store = useAzureStores().access;
  const grantsById = useAccess((state) => state.grants);
  const sending = useAccess((state) => state.sending);
  const actionError = useAccess((state) => state.actionError);
  const permissions = useAccess((state) => state.presetPermissions);
  const [removing, setRemoving] = useState<RoleAssignmentView | null>(null);
  const [granting, setGranting] = useState(false);
  const now = useNow(15_000);
  const grants = Object.values(grantsById);
  const { principal } = access;

  if (!principal) {
    return (
      <Caption1 data-testid="access-no-principal">
        {access.noPrincipalReason ??
          'This compute has no managed identity, so it can be granted nothing.'}
      </Caption1>
    );
  }
  const rows = assignmentRows(access.assignments, now);
  const shownGrants = visibleGrants(grants);

  return (
    <>
      <dl className={styles.facts}>
        <dt className={styles.term}>Principal</dt>
        <dd className={styles.value}>
          <span className={styles.mono} data-testid="access-principal-id">
            {principal.principalId}
          </span>
          <CopyButton
            text={principal.principalId}
            what="the principal id"
            testId="access-principal-id-copy"
          />
        </dd>
        <dt className={styles.term}>Name in Entra ID</dt>
        <dd className={styles.value}>
          <span className={styles.mono} data-testid="access-directory-name">
            {principal.directoryName}
          </span>
          <CopyButton
            text={principal.directoryName}
            what="the identity's name in Entra ID"
            testId="access-directory-name-copy"
          />
        </dd>
        <dt className={styles.term}>Kind</dt>
        <dd className={styles.value}>
          {principal.kind === 'system-assigned'
            ? 'System-assigned identity'
            : `User-assigned identity ${principal.identityName ?? ''} (${principal.resourceGroup ?? ''})`}
        </dd>
      </dl>

      <Subtitle2 as="h3" className={styles.subheading} id="access-presets-heading">
        What this compute usually needs
      </Subtitle2>
      <ul
        className={styles.list}
        aria-labelledby="access-presets-heading"
        data-testid="access-presets"
      >
        {access.presets.map((preset) => {
          const running = preset.scope
            ? grantFor(grants, preset.roleDefinitionGuid, preset.scope.id)
            : null;
          const state = presetState(preset, running);
          const permission = permissions[preset.key];
          const refused = permission?.mayAssign === false;
          return (
            <li
              key={preset.key}
              className={styles.preset}
              data-testid={`access-preset-${preset.key}`}
            >
              <div className={styles.presetText}>
                <strong>
                  {preset.roleName}
                  {preset.scope ? ` on ${scopeLabel(preset.scope)}` : ''}
                </strong>
                <Caption1>{preset.reason ?? preset.purpose}</Caption1>
                {refused && state.action && (
                  <Caption1 data-testid={`access-preset-${preset.key}-refused`}>
                    {permission.detail}
                  </Caption1>
                )}
              </div>
              <div className={styles.presetActions}>
                <Badge
                  appearance="tint"
                  color={state.color}
                  data-testid={`access-preset-${preset.key}-state`}
                >
                  {state.label}
                </Badge>
                {state.action && (
                  <Button
                    size="small"
                    disabled={sending !== null || refused}
                    icon={sending === preset.key ? <Spinner size="tiny" /> : undefined}
                    onClick={() => void store.getState().grantPreset(preset.key)}
                    {...gate.props}
                    data-testid={`access-preset-${preset.key}-grant`}
                  >
                    {state.action}
                  </Button>
                )}
              </div>
              {preset.grantCommands && (
                <RoleCommandsView
                  commands={preset.grantCommands}
                  testId={`access-preset-${preset.key}-commands`}
                />
              )}
            </li>
          );
        })}
      </ul>

      {actionError && (
        <CallError
          title={actionError.what}
          error={actionError.error}
          onDismiss={() => store.getState().dismissError()}
          testId="access-action-error"
        />
      )}

      <div role="status" aria-live="polite" data-testid="access-grants">
        {shownGrants.length > 0 && (
          <ul className={styles.list} aria-label="Grants and removals">
            {shownGrants.map((grant) => (
              <li key={grant.grantId} data-testid="access-grant" data-status={grant.status}>
                <Caption1>{grantLine(grant)}</Caption1>
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className={styles.head}>
        <Subtitle2 as="h3" className={styles.heading} id="access-assignments-heading">
          Role assignments
        </Subtitle2>
        <Button
          icon={<Add20Regular />}
          onClick={() => setGranting(true)}
          {...gate.props}
          data-testid="access-grant-custom"
        >
          Grant a role…
        </Button>
      </div>
      {rows.length === 0 ? (
        <Caption1 data-testid="access-no-assignments">
          {access.readAt
            ? 'This identity has no role assignment in the compute’s subscription.'
            : 'Not read from Azure yet.'}
        </Caption1>
      ) : (
        <Table
          aria-labelledby="access-assignments-heading"
          data-testid="access-assignments"
          size="small"
        >
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Role</TableHeaderCell>
              <TableHeaderCell>Scope</TableHeaderCell>
              <TableHeaderCell>How</TableHeaderCell>
              <TableHeaderCell>Since</TableHeaderCell>
              <TableHeaderCell>Actions</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => {
              const assignment = access.assignments.find((a) => a.assignmentId === row.key);
              return (
                <TableRow key={row.key} data-testid="access-assignment">
                  <TableCell>{row.role}</TableCell>
                  <TableCell>{row.scope}</TableCell>
                  <TableCell>{row.origin}</TableCell>
                  <TableCell>{row.since}</TableCell>
                  <TableCell>
                    {row.removable && assignment && (
                      <Button
                        size="small"
                        icon={<Delete20Regular />}
                        disabled={sending !== null}
                        aria-label={`Remove ${row.role} on ${row.scope}`}
                        onClick={() => setRemoving(assignment)}
                        {...gate.props}
                        data-testid="access-assignment-remove"
                      >
                        Remove
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}

      {removing && (
        <RemoveAssignmentDialog
          assignment={removing}
          principal={principal}
          onClose={() => setRemoving(null)}
        />
      )}
      {granting && <GrantRoleDialog principal={principal} onClose={() => setGranting(false)} />}
    </>
  );
}

/** The compute identity's access: who it is, what it can reach, and granting it more. */
export function AccessSection({ computeId }: { computeId: string }) {
  const gate = useAzureGate();
  const styles = useStyles();
  const store = useAzureStores().access;
  const access = useAccess((state) => state.access);
  const refreshing = useAccess((state) => state.refreshing);
  const refreshError = useAccess((state) => state.refreshError);
  const now = useNow(15_000);

  useEffect(() => {
    store.getState().open(computeId);
  }, [store, computeId]);
  useEffect(() => () => store.getState().close(), [store]);

  const ready = access?.status === 'ready' ? access.value : null;
  return (
    <section
      className={styles.section}
      aria-labelledby="compute-access"
      data-testid="compute-access"
    >
      <div className={styles.head}>
        <Subtitle2 as="h2" id="compute-access" className={styles.heading}>
          Access
        </Subtitle2>
        {ready && (
          <Caption1 data-testid="access-read-at">
            {ready.readAt
              ? `Read from Azure ${timeAgo(ready.readAt, now)}`
              : 'Not read from Azure yet'}
          </Caption1>
        )}
        <Button
          icon={refreshing ? <Spinner size="tiny" /> : <ArrowSync20Regular />}
          disabled={refreshing || !ready?.principal}
          onClick={() => void store.getState().refresh()}
          {...gate.props}
          data-testid="access-refresh"
        >
          {refreshing ? 'Reading from Azure…' : 'Refresh from Azure'}
        </Button>
      </div>
      {(access === null || access.status === 'loading') && (
        <Spinner size="small" label="Reading the local record…" />
      )}
      {access?.status === 'failed' && (
        <CallError
          title="The identity's access could not be read"
          error={access.error}
          onRetry={() => void store.getState().refresh()}
          testId="access-error"
        />
      )}
      {refreshError && ready && (
        <CallError
          title="Azure could not be read: the list below is the last one recorded"
          error={refreshError}
          testId="access-refresh-error"
        />
      )}
      {ready && <AccessView access={ready} />}
    </section>
  );
}
