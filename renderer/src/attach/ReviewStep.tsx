import {
  Caption1,
  Checkbox,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ClusterView } from '../../../shared/domain/clusters';
import type { WorkspaceView } from '../../../shared/domain/inventory';
import type { PreflightReport, RequestPreview } from '../../../shared/domain/operations';
import { CallError } from '../components/CallError';
import { workspaceTitle } from '../inventory/inventory-model';
import type { Loadable } from '../state/loadable';
import { RequestPreviewView } from '../operations/RequestPreviewView';
import type { AttachForm } from './attach-form';
import { PreflightFindings } from './PreflightFindings';
import { preflightSummary } from './preflight-model';
import { preflightBlocks } from './wizard-steps';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  summary: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  perWorkspace: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
  },
});

const IDENTITY_TEXT = {
  None: 'None',
  SystemAssigned: 'System-assigned',
  UserAssigned: 'User-assigned',
} as const;

interface ReviewStepProps {
  readonly form: AttachForm;
  readonly workspaces: readonly WorkspaceView[];
  readonly cluster: ClusterView | null;
  readonly preflight: Loadable<readonly PreflightReport[]> | null;
  readonly preview: Loadable<readonly RequestPreview[]> | null;
  readonly attachAnyway: boolean;
  readonly onAttachAnyway: (value: boolean) => void;
  readonly onRetry: () => void;
}

/** What will be sent and what the preflight found, before anything changes in Azure. */
export function ReviewStep(props: ReviewStepProps) {
  const styles = useStyles();
  const { form, workspaces, cluster, preflight, preview } = props;
  const reports = preflight?.status === 'ready' ? preflight.value : null;
  const blocking = preflightBlocks(reports);
  const identityName =
    form.identityKind === 'UserAssigned' && form.userAssignedIdentityId
      ? `User-assigned: ${form.userAssignedIdentityId.split('/').pop() ?? ''}`
      : IDENTITY_TEXT[form.identityKind];

  return (
    <div className={styles.root} data-testid="attach-step-review">
      <dl className={styles.summary} data-testid="attach-review-summary">
        <dt className={styles.term}>{workspaces.length === 1 ? 'Workspace' : 'Workspaces'}</dt>
        <dd className={styles.value}>{workspaces.map(workspaceTitle).join(', ')}</dd>
        <dt className={styles.term}>Cluster</dt>
        <dd className={styles.value}>{cluster?.name ?? ''}</dd>
        <dt className={styles.term}>Compute name</dt>
        <dd className={styles.value}>{form.computeName}</dd>
        <dt className={styles.term}>Namespace</dt>
        <dd className={styles.value}>{form.namespace}</dd>
        <dt className={styles.term}>Identity</dt>
        <dd className={styles.value}>{identityName}</dd>
        {form.description && (
          <>
            <dt className={styles.term}>Description</dt>
            <dd className={styles.value}>{form.description}</dd>
          </>
        )}
      </dl>

      <section className={styles.section} aria-labelledby="attach-preflight-heading">
        <Subtitle2 as="h3" id="attach-preflight-heading">
          Preflight
        </Subtitle2>
        {(preflight === null || preflight.status === 'loading') && (
          <Spinner
            size="tiny"
            label="Checking the cluster, the workspace, your rights and the namespace…"
            data-testid="preflight-loading"
          />
        )}
        {preflight?.status === 'failed' && (
          <CallError
            title="The preflight could not run"
            error={preflight.error}
            onRetry={props.onRetry}
            testId="preflight-error"
          />
        )}
        {reports && (
          <>
            <Caption1 role="status" data-testid="preflight-summary">
              {preflightSummary(reports)}
            </Caption1>
            {reports.map((report, index) =>
              reports.length === 1 ? (
                <PreflightFindings key={index} report={report} />
              ) : (
                <div key={index} className={styles.perWorkspace}>
                  <Subtitle2 as="h4">
                    {workspaces[index] ? workspaceTitle(workspaces[index]) : ''}
                  </Subtitle2>
                  <PreflightFindings report={report} />
                </div>
              ),
            )}
            {blocking && (
              <MessageBar intent="error" layout="multiline" data-testid="preflight-blocking">
                <MessageBarBody>
                  <MessageBarTitle>A check failed</MessageBarTitle>
                  Attaching now is likely to fail, at once or up to an hour later. Fix what failed
                  and go back a step to check again, or attach anyway if you know better.
                  <div>
                    <Checkbox
                      checked={props.attachAnyway}
                      onChange={(_event, data) => props.onAttachAnyway(data.checked === true)}
                      label="I understand; attach anyway"
                      data-testid="attach-anyway"
                    />
                  </div>
                </MessageBarBody>
              </MessageBar>
            )}
          </>
        )}
      </section>

      <section className={styles.section} aria-labelledby="attach-request-heading">
        <Subtitle2 as="h3" id="attach-request-heading">
          What Mooring will send
        </Subtitle2>
        {(preview === null || preview.status === 'loading') && (
          <Spinner size="tiny" label="Preparing the request…" />
        )}
        {preview?.status === 'failed' && (
          <CallError
            title="The request could not be prepared"
            error={preview.error}
            testId="attach-preview-error"
          />
        )}
        {preview?.status === 'ready' &&
          preview.value.map((request, index) =>
            preview.value.length === 1 ? (
              <RequestPreviewView key={index} preview={request} testId="attach-preview" />
            ) : (
              <div key={index} className={styles.perWorkspace}>
                <Subtitle2 as="h4">
                  {workspaces[index] ? workspaceTitle(workspaces[index]) : ''}
                </Subtitle2>
                <RequestPreviewView preview={request} testId="attach-preview" />
              </div>
            ),
          )}
      </section>
    </div>
  );
}
