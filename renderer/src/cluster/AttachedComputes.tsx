import { Badge, Body1, Caption1, Link, makeStyles, tokens } from '@fluentui/react-components';
import { stateColor } from '../inventory/compute-presentation';
import type { AttachedWorkspace } from './cluster-page-model';

const useStyles = makeStyles({
  workspaces: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  workspace: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  workspaceName: { fontWeight: tokens.fontWeightSemibold },
  computes: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    listStyleType: 'none',
  },
  compute: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  secondary: { color: tokens.colorNeutralForeground3 },
});

/** The workspaces a cluster is attached to, each compute opening its own page. */
export function AttachedComputes({
  attachments,
  onOpen,
}: {
  attachments: readonly AttachedWorkspace[];
  onOpen: (computeId: string) => void;
}) {
  const styles = useStyles();
  if (attachments.length === 0) {
    return (
      <Body1 data-testid="cluster-page-not-attached">
        Not attached to any workspace. Attach it to make it a Kubernetes compute of a workspace.
      </Body1>
    );
  }
  return (
    <ul className={styles.workspaces} aria-label="Workspaces this cluster is attached to">
      {attachments.map((workspace) => (
        <li
          key={workspace.workspaceId}
          className={styles.workspace}
          data-testid="cluster-page-workspace"
          data-workspace-id={workspace.workspaceId}
        >
          <Body1 className={styles.workspaceName}>{workspace.workspaceName}</Body1>
          <ul className={styles.computes} aria-label={`Computes in ${workspace.workspaceName}`}>
            {workspace.computes.map((compute) => (
              <li
                key={compute.id}
                className={styles.compute}
                data-testid="cluster-page-compute"
                data-compute-id={compute.id}
              >
                <Link
                  as="button"
                  onClick={() => onOpen(compute.id)}
                  aria-label={`Open the page of ${compute.name}`}
                  data-testid="cluster-page-compute-link"
                >
                  {compute.name}
                </Link>
                <Badge
                  appearance="tint"
                  color={stateColor(compute.provisioningState)}
                  data-testid="cluster-page-compute-state"
                >
                  {compute.provisioningState}
                </Badge>
                {compute.namespace && (
                  <Caption1 className={styles.secondary}>namespace {compute.namespace}</Caption1>
                )}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
