import {
  Button,
  Caption1,
  Spinner,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { InventorySnapshot } from '../../../shared/domain/inventory';
import { CallError } from '../components/CallError';
import { inventoryEmptyReason } from '../inventory/inventory-empty';
import {
  useAccounts,
  useAttach,
  useAzureStores,
  useInventory,
  useOperations,
  useSubscriptions,
} from '../state/azure-stores';
import { useShell } from '../state/shell-store-context';
import { attachRequests, detailsProblems, identitiesFor } from './attach-form';
import { ClusterStep } from './ClusterStep';
import { DetailsStep } from './DetailsStep';
import { ProgressStep } from './ProgressStep';
import { ReviewStep } from './ReviewStep';
import { WizardStepList } from './WizardStepList';
import { WorkspaceStep } from './WorkspaceStep';
import {
  STEP_LABELS,
  WIZARD_STEPS,
  chosenCluster,
  chosenWorkspaces,
  firstIncompleteStep,
  reachableSteps,
  stepBlocker,
  withWorkspaces,
} from './wizard-steps';
import type { WizardContext, WizardStep } from './wizard-steps';
import { useAzureGate } from '../connectivity/use-azure-gate';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  heading: { ...typographyStyles.subtitle1, margin: 0, outline: 'none' },
  footer: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    flexWrap: 'wrap',
    paddingTop: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  blocker: { color: tokens.colorNeutralForeground2 },
});

const nextStep = (step: WizardStep): WizardStep =>
  WIZARD_STEPS[Math.min(WIZARD_STEPS.indexOf(step) + 1, WIZARD_STEPS.length - 1)] ?? step;
const previousStep = (step: WizardStep): WizardStep =>
  WIZARD_STEPS[Math.max(WIZARD_STEPS.indexOf(step) - 1, 0)] ?? step;

/** The wizard over a loaded inventory snapshot: workspace → cluster → details → review → progress. */
function Wizard({ snapshot }: { snapshot: InventorySnapshot }) {
  // Actions that need Azure wait, with the reason said, while it cannot be reached.
  const gate = useAzureGate();
  const styles = useStyles();
  const stores = useAzureStores();
  const navigate = useShell((state) => state.navigate);
  const state = useAttach((current) => current);
  const operations = useOperations((current) => current.operations);
  const openDetails = useOperations((current) => current.openDetails);
  const [showAllProblems, setShowAllProblems] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Said when there is no workspace at all: signing in comes before choosing or refreshing.
  const accounts = useAccounts((current) => current.accounts);
  const subscriptions = useSubscriptions((current) => current.snapshot);
  const emptyReason = inventoryEmptyReason(accounts, subscriptions, snapshot);

  const context: WizardContext = useMemo(
    () => ({
      form: state.form,
      bulk: state.bulk,
      workspaces: snapshot.workspaces,
      clusters: snapshot.clusters,
      identities: snapshot.identities,
      computes: snapshot.computes,
      preflight: state.preflight?.status === 'ready' ? state.preflight.value : null,
      attachAnyway: state.attachAnyway,
    }),
    [state.form, state.bulk, state.preflight, state.attachAnyway, snapshot],
  );
  const workspaces = chosenWorkspaces(context);
  const cluster = chosenCluster(context);
  const identities = identitiesFor(
    snapshot.identities,
    workspaces.map((workspace) => workspace.subscriptionId),
  );
  const problems = detailsProblems(state.form, snapshot.computes);
  const requests = attachRequests(state.form, workspaces);
  const started = state.start.status === 'started' ? state.start.operationIds : [];
  const startedOperations = operations.filter((operation) =>
    started.includes(operation.operationId),
  );

  // Opened for a workspace or a cluster: land on the first step that still needs the user.
  useEffect(() => {
    if (state.landing) stores.attach.getState().land(firstIncompleteStep(context));
  }, [state.landing, context, stores]);

  // The review asks the main process again whenever it is shown for a changed form.
  const { review } = stores.attach.getState();
  useEffect(() => {
    if (state.step === 'review' && state.preflight === null && requests) void review(requests);
  }, [state.step, state.preflight, requests, review]);

  // Each step's heading takes focus, so keyboard and screen-reader users land on the new step.
  const shownStep = useRef(state.step);
  useEffect(() => {
    if (shownStep.current === state.step) return;
    shownStep.current = state.step;
    headingRef.current?.focus();
  }, [state.step]);

  // The started operations join the operations cache at once; their events then keep them current.
  const startAttach = async () => {
    if (!requests) return;
    const launched = await stores.attach.getState().attach(requests);
    for (const operation of launched ?? []) stores.operations.getState().receive(operation);
  };

  const locked = state.start.status === 'started';
  const blocker = stepBlocker(state.step, context);
  const goTo = (step: WizardStep) => {
    setShowAllProblems(false);
    stores.attach.getState().goTo(step);
  };
  const next = () => {
    if (blocker) {
      setShowAllProblems(true);
      return;
    }
    goTo(nextStep(state.step));
  };

  return (
    <div className={styles.root} data-testid="attach-wizard" data-step={state.step}>
      <WizardStepList
        step={state.step}
        reachable={reachableSteps(context)}
        locked={locked}
        onGoTo={goTo}
      />
      <h2
        ref={headingRef}
        tabIndex={-1}
        className={styles.heading}
        data-testid="attach-step-heading"
      >
        {STEP_LABELS[state.step]}
      </h2>

      {state.step === 'workspace' && (
        <WorkspaceStep
          workspaces={snapshot.workspaces}
          chosen={state.form.workspaceIds}
          bulk={state.bulk}
          onBulk={(bulk) => stores.attach.getState().setBulk(bulk)}
          onChoose={(ids) => stores.attach.getState().update(withWorkspaces(context, ids))}
          emptyReason={emptyReason}
        />
      )}
      {state.step === 'cluster' && (
        <ClusterStep
          clusters={snapshot.clusters}
          workspaces={workspaces}
          chosen={state.form.clusterId}
          onChoose={(clusterId) => stores.attach.getState().update({ ...state.form, clusterId })}
        />
      )}
      {state.step === 'details' && (
        // Enter in a field goes on, as in any form.
        <form
          onSubmit={(event) => {
            event.preventDefault();
            next();
          }}
        >
          <DetailsStep
            form={state.form}
            problems={problems}
            identities={identities}
            workspaces={workspaces}
            showAll={showAllProblems}
            onChange={(form) => stores.attach.getState().update(form)}
          />
          <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
        </form>
      )}
      {state.step === 'review' && (
        <ReviewStep
          form={state.form}
          workspaces={workspaces}
          cluster={cluster}
          preflight={state.preflight}
          preview={state.preview}
          attachAnyway={state.attachAnyway}
          onAttachAnyway={(value) => stores.attach.getState().setAttachAnyway(value)}
          onRetry={() => requests && void review(requests)}
        />
      )}
      {state.step === 'progress' && (
        <ProgressStep
          operations={startedOperations}
          onDetails={(operationId) => void openDetails(operationId)}
          onOpenCompute={(computeId) => {
            stores.compute.getState().open(computeId);
            navigate('inventory');
          }}
        />
      )}

      {state.start.status === 'failed' && (
        <CallError
          title="The attach could not be started"
          error={state.start.error}
          onRetry={() => void startAttach()}
          testId="attach-start-error"
        />
      )}

      <div className={styles.footer}>
        {state.step !== 'workspace' && !locked && (
          <Button onClick={() => goTo(previousStep(state.step))} data-testid="attach-back">
            Back
          </Button>
        )}
        {(state.step === 'workspace' || state.step === 'cluster' || state.step === 'details') && (
          <Button
            appearance="primary"
            onClick={next}
            aria-disabled={blocker !== null}
            data-testid="attach-next"
          >
            Next
          </Button>
        )}
        {state.step === 'review' && (
          <Button
            appearance="primary"
            disabled={blocker !== null || state.start.status === 'starting' || !requests}
            icon={state.start.status === 'starting' ? <Spinner size="tiny" /> : undefined}
            onClick={() => void startAttach()}
            {...gate.props}
            data-testid="attach-start"
          >
            {workspaces.length > 1 ? `Attach to ${workspaces.length} workspaces` : 'Attach'}
          </Button>
        )}
        {locked && (
          <Button onClick={() => stores.attach.getState().reset()} data-testid="attach-again">
            Attach another
          </Button>
        )}
        {!locked && state.step !== 'workspace' && (
          <Button
            appearance="subtle"
            onClick={() => stores.attach.getState().reset()}
            data-testid="attach-start-over"
          >
            Start over
          </Button>
        )}
        {blocker && state.step !== 'progress' && (
          <Caption1 className={styles.blocker} role="status" data-testid="attach-blocker">
            {blocker}
          </Caption1>
        )}
      </div>
    </div>
  );
}

/** The attach wizard once the inventory's local record is there (it lists what can be chosen). */
export function AttachWizard() {
  const view = useInventory((state) => state.view);
  const loadIfNeeded = useInventory((state) => state.loadIfNeeded);
  const load = useInventory((state) => state.load);
  useEffect(() => {
    void loadIfNeeded();
  }, [loadIfNeeded]);
  if (view.status === 'idle' || view.status === 'loading') {
    return <Spinner size="small" label="Reading the local record…" />;
  }
  if (view.status === 'failed') {
    return (
      <CallError
        title="The workspaces and clusters could not be read"
        error={view.error}
        onRetry={() => void load()}
        testId="attach-inventory-error"
      />
    );
  }
  return <Wizard snapshot={view.value} />;
}
