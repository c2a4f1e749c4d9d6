import {
  Button,
  Caption1,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { UserAssignedIdentityView } from '../../../shared/domain/clusters';
import type { ComputeDetail, IdentityChoice } from '../../../shared/domain/operations';
import type { IdentityKind } from '../attach/attach-form';
import { identityChoiceOf } from '../attach/attach-form';
import { CallError } from '../components/CallError';
import { RequestPreviewView } from '../operations/RequestPreviewView';
import { useAccess, useAzureStores, useCompute } from '../state/azure-stores';
import { carriedOverGrants } from './access-model';
import { currentIdentityChoice, principalChangeText, sameIdentityChoice } from './compute-identity';
import { useAzureGate } from '../connectivity/use-azure-gate';

const useStyles = makeStyles({
  surface: { width: '760px', maxWidth: 'calc(100vw - 48px)' },
  content: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    // The content scrolls as a whole: its parts (a message bar clips what overflows it) never
    // shrink to fit and spill over each other.
    '& > *': { flexShrink: 0 },
  },
  lost: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  mono: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
});

interface EditIdentityDialogProps {
  readonly detail: ComputeDetail;
  readonly identities: readonly UserAssignedIdentityView[];
  readonly open: boolean;
  readonly onClose: () => void;
}

/**
 * Changes the compute's identity: choose, see what it costs (a new principal loses the old one's
 * role assignments, listed), confirm. Mooring then GETs the compute and PUTs it whole.
 */
export function EditIdentityDialog({ detail, identities, open, onClose }: EditIdentityDialogProps) {
  // Actions that need Azure wait, with the reason said, while it cannot be reached.
  const gate = useAzureGate();
  const styles = useStyles();
  const { compute: computeStore, operations, access: accessStore } = useAzureStores();
  const access = useAccess((state) => state.access);
  const [carryOver, setCarryOver] = useState(true);
  const preview = useCompute((state) => state.identityPreview);
  const change = useCompute((state) => state.identityChange);
  const current = currentIdentityChoice(detail);
  const [kind, setKind] = useState<IdentityKind>(current?.type ?? 'SystemAssigned');
  const [userAssignedId, setUserAssignedId] = useState<string | null>(
    current?.type === 'UserAssigned' ? current.identityId : null,
  );
  const choice = useMemo<IdentityChoice | null>(
    () => identityChoiceOf({ identityKind: kind, userAssignedIdentityId: userAssignedId }),
    [kind, userAssignedId],
  );
  const unchanged = sameIdentityChoice(choice, current);

  useEffect(() => {
    if (open && choice && !unchanged) void computeStore.getState().previewIdentity(choice);
  }, [open, choice, unchanged, computeStore]);

  const close = () => {
    computeStore.getState().resetChanges();
    onClose();
  };
  const confirm = async () => {
    if (!choice) return;
    const operation = await computeStore.getState().updateIdentity(choice);
    if (!operation) return;
    if (carryOver && offered.length > 0) {
      accessStore.getState().carryOverAfter(operation.operationId, {
        computeId: detail.compute.id,
        grants: offered.map(({ roleDefinitionGuid, scopeId }) => ({ roleDefinitionGuid, scopeId })),
      });
    }
    operations.getState().receive(operation);
    close();
    void computeStore.getState().reload();
  };
  const sending = change.status === 'sending';
  const ready = preview?.status === 'ready' ? preview.value : null;
  // The old identity's roles, from the Access section's record, offered to the new identity.
  const offered =
    ready?.principalChanges && choice && choice.type !== 'None' && access?.status === 'ready'
      ? carriedOverGrants(access.value.assignments)
      : [];

  return (
    <Dialog open={open} onOpenChange={(_event, data) => !data.open && !sending && close()}>
      <DialogSurface className={styles.surface} data-testid="edit-identity-dialog">
        <DialogBody>
          <DialogTitle>Change the identity of {detail.compute.name}</DialogTitle>
          <DialogContent className={styles.content}>
            <RadioGroup
              value={kind}
              onChange={(_event, data) => setKind(data.value as IdentityKind)}
              aria-label="Managed identity"
              data-testid="edit-identity-kind"
            >
              <Radio value="None" label="None" data-testid="edit-identity-None" />
              <Radio
                value="SystemAssigned"
                label="System-assigned"
                data-testid="edit-identity-SystemAssigned"
              />
              <Radio
                value="UserAssigned"
                label="User-assigned"
                disabled={identities.length === 0}
                data-testid="edit-identity-UserAssigned"
              />
            </RadioGroup>
            {kind === 'UserAssigned' && (
              <Field label="User-assigned identity" required>
                <Select
                  value={userAssignedId ?? ''}
                  onChange={(_event, data) => setUserAssignedId(data.value || null)}
                  data-testid="edit-identity-user"
                >
                  <option value="">Choose an identity…</option>
                  {identities.map((identity) => (
                    <option key={identity.id} value={identity.id}>
                      {identity.name} ({identity.resourceGroup}, client id {identity.clientId})
                    </option>
                  ))}
                </Select>
              </Field>
            )}
            {unchanged && (
              <Caption1>This is the compute’s identity now: choose another to change it.</Caption1>
            )}
            {!unchanged && choice && preview?.status === 'loading' && (
              <Spinner size="tiny" label="Reading what the change would cost…" />
            )}
            {!unchanged && preview?.status === 'failed' && (
              <CallError
                title="The change could not be previewed"
                error={preview.error}
                testId="edit-identity-preview-error"
              />
            )}
            {!unchanged && ready && (
              <>
                {ready.principalChanges && (
                  <MessageBar
                    intent="warning"
                    layout="multiline"
                    data-testid="edit-identity-warning"
                  >
                    <MessageBarBody>
                      <MessageBarTitle>The compute gets a different principal</MessageBarTitle>
                      {choice && principalChangeText(current, choice)}
                      {ready.assignmentsLost.length > 0 ? (
                        <ul className={styles.lost} data-testid="edit-identity-lost">
                          {ready.assignmentsLost.map((assignment, index) => (
                            <li key={index} data-testid="edit-identity-lost-assignment">
                              {assignment.roleName} on{' '}
                              <span className={styles.mono}>{assignment.scope}</span>
                            </li>
                          ))}
                        </ul>
                      ) : ready.assignmentsReadable ? (
                        <p>The current principal has no role assignments.</p>
                      ) : null}
                      {!ready.assignmentsReadable && (
                        <p data-testid="edit-identity-unreadable">
                          Mooring could not read all of its role assignments, so some may be missing
                          here.
                        </p>
                      )}
                    </MessageBarBody>
                  </MessageBar>
                )}
                {offered.length > 0 && (
                  <Checkbox
                    checked={carryOver}
                    onChange={(_event, data) => setCarryOver(data.checked === true)}
                    label={`Grant the new identity the same roles once the change has succeeded: ${offered
                      .map((grant) => grant.label)
                      .join('; ')}`}
                    data-testid="edit-identity-carry-over"
                  />
                )}
                <RequestPreviewView preview={ready.request} testId="edit-identity-request" />
              </>
            )}
            {change.status === 'failed' && (
              <CallError
                title="The identity could not be changed"
                error={change.error}
                testId="edit-identity-error"
              />
            )}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={!choice || unchanged || !ready || sending}
              icon={sending ? <Spinner size="tiny" /> : undefined}
              onClick={() => void confirm()}
              {...gate.props}
              data-testid="edit-identity-confirm"
            >
              {sending ? 'Changing…' : 'Change identity'}
            </Button>
            <Button onClick={close} disabled={sending} data-testid="edit-identity-cancel">
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
