import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { RoleDefinitionView, RolePrincipal } from '../../../shared/domain/roles';
import { CallError } from '../components/CallError';
import { useAccess, useAzureStores } from '../state/azure-stores';
import { pastedScopeProblem, principalLabel, scopeLabel } from './access-model';
import { RoleCommandsView } from './RoleCommandsView';
import { useAzureGate } from '../connectivity/use-azure-gate';

const useStyles = makeStyles({
  surface: { width: '760px', maxWidth: 'calc(100vw - 48px)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  roles: { maxHeight: '260px', overflowY: 'auto' },
  description: { display: 'block', color: tokens.colorNeutralForeground3 },
});

const PASTED = 'pasted';
const SEARCH_PAUSE_MS = 200;

/**
 * A custom grant: a role found by name or description, a scope picked from the workspace's
 * resources, its resource group and subscription, or a pasted id (checked before anything is
 * sent); whether the account may assign there is read once both are chosen.
 */
export function GrantRoleDialog({
  principal,
  onClose,
}: {
  principal: RolePrincipal;
  onClose: () => void;
}) {
  // Actions that need Azure wait, with the reason said, while it cannot be reached.
  const gate = useAzureGate();
  const styles = useStyles();
  const store = useAzureStores().access;
  const definitions = useAccess((state) => state.definitions);
  const scopes = useAccess((state) => state.scopes);
  const scopeCheck = useAccess((state) => state.scopeCheck);
  const permission = useAccess((state) => state.permission);
  const sending = useAccess((state) => state.sending === 'custom');
  const failure = useAccess((state) => state.actionError);
  const [query, setQuery] = useState('');
  // Kept as chosen even when a new search no longer lists it.
  const [role, setRole] = useState<RoleDefinitionView | null>(null);
  const roleGuid = role?.roleDefinitionGuid ?? null;
  const [scopeChoice, setScopeChoice] = useState<string | null>(null);
  const [pasted, setPasted] = useState('');
  const [pastedTouched, setPastedTouched] = useState(false);

  useEffect(() => {
    void store.getState().loadScopes();
    return () => store.getState().resetDialog();
  }, [store]);
  useEffect(() => {
    const timer = window.setTimeout(
      () => void store.getState().searchDefinitions(query),
      SEARCH_PAUSE_MS,
    );
    return () => window.clearTimeout(timer);
  }, [store, query]);

  const pastedProblem = scopeChoice === PASTED ? pastedScopeProblem(pasted) : null;
  const scopeId = scopeChoice === PASTED ? (pastedProblem ? null : pasted.trim()) : scopeChoice;
  const roles = definitions?.status === 'ready' ? definitions.value : [];

  // Whether the account may write role assignments there, read once role and scope are known.
  useEffect(() => {
    if (!scopeId || !roleGuid || scopeChoice === PASTED) return;
    void store.getState().checkPermission(scopeId, roleGuid);
  }, [store, scopeId, roleGuid, scopeChoice]);

  const grant = async () => {
    if (!scopeId || !roleGuid) return;
    if (scopeChoice === PASTED) {
      const check = await store.getState().checkScope(scopeId);
      if (!check?.valid) return;
      void store.getState().checkPermission(scopeId, roleGuid);
    }
    const started = await store.getState().grant(roleGuid, scopeId);
    if (started) onClose();
  };

  const refusedScope =
    scopeChoice === PASTED && scopeCheck?.status === 'ready' && !scopeCheck.value.valid
      ? scopeCheck.value.reason
      : null;

  return (
    <Dialog open onOpenChange={(_event, data) => !data.open && !sending && onClose()}>
      <DialogSurface className={styles.surface} data-testid="grant-role-dialog">
        <DialogBody>
          <DialogTitle>Grant a role to {principalLabel(principal)}</DialogTitle>
          <DialogContent className={styles.content}>
            <Field label="Find a role by name or description">
              <Input
                value={query}
                onChange={(_event, data) => setQuery(data.value)}
                data-testid="grant-role-search"
              />
            </Field>
            <Field label="Role" required>
              {definitions?.status === 'failed' ? (
                <CallError
                  title="The role definitions could not be listed"
                  error={definitions.error}
                  testId="grant-role-definitions-error"
                />
              ) : roles.length === 0 ? (
                <Caption1>
                  {definitions?.status === 'ready' ? 'No role matches.' : 'Listing roles…'}
                </Caption1>
              ) : (
                <RadioGroup
                  className={styles.roles}
                  value={roleGuid ?? ''}
                  onChange={(_event, data) =>
                    setRole(roles.find((r) => r.roleDefinitionGuid === data.value) ?? null)
                  }
                  data-testid="grant-role-options"
                >
                  {roles.map((definition) => (
                    <Radio
                      key={definition.roleDefinitionGuid}
                      value={definition.roleDefinitionGuid}
                      label={
                        <>
                          {definition.roleName}
                          {definition.type === 'CustomRole' ? ' (custom role)' : ''}
                          <span className={styles.description}>{definition.description}</span>
                        </>
                      }
                      data-testid={`grant-role-option-${definition.roleName}`}
                    />
                  ))}
                </RadioGroup>
              )}
            </Field>
            <Field label="Scope" required>
              {scopes?.status === 'loading' && <Spinner size="tiny" label="Reading scopes…" />}
              {scopes?.status === 'failed' && (
                <CallError
                  title="The scopes could not be read"
                  error={scopes.error}
                  testId="grant-scope-error"
                />
              )}
              <RadioGroup
                value={scopeChoice ?? ''}
                onChange={(_event, data) => setScopeChoice(data.value)}
                data-testid="grant-scope-options"
              >
                {scopes?.status === 'ready' &&
                  scopes.value.map((scope) => (
                    <Radio
                      key={scope.id}
                      value={scope.id}
                      label={scopeLabel(scope)}
                      data-testid={`grant-scope-${scope.kind}`}
                    />
                  ))}
                <Radio
                  value={PASTED}
                  label="Another resource id"
                  data-testid="grant-scope-pasted"
                />
              </RadioGroup>
            </Field>
            {scopeChoice === PASTED && (
              <Field
                label="Resource id of the scope"
                validationMessage={
                  (pastedTouched ? pastedProblem : null) ?? refusedScope ?? undefined
                }
              >
                <Input
                  value={pasted}
                  onChange={(_event, data) => setPasted(data.value)}
                  onBlur={() => setPastedTouched(true)}
                  placeholder="/subscriptions/…/resourceGroups/…"
                  data-testid="grant-scope-pasted-id"
                />
              </Field>
            )}
            {permission?.status === 'ready' && permission.value.mayAssign === false && (
              <MessageBar intent="warning" data-testid="grant-permission">
                <MessageBarBody>
                  <MessageBarTitle>You may not assign roles there</MessageBarTitle>
                  {permission.value.detail} Someone with{' '}
                  {permission.value.rolesThatAllow.join(', ')} can run the commands below.
                </MessageBarBody>
              </MessageBar>
            )}
            {permission?.status === 'ready' && permission.value.commands && (
              <RoleCommandsView commands={permission.value.commands} testId="grant-commands" />
            )}
            {failure && (
              <CallError title={failure.what} error={failure.error} testId="grant-role-error" />
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose} disabled={sending} data-testid="grant-role-cancel">
              Cancel
            </Button>
            <Button
              appearance="primary"
              disabled={sending || !role || !scopeId}
              icon={sending ? <Spinner size="tiny" /> : undefined}
              onClick={() => void grant()}
              {...gate.props}
              data-testid="grant-role-confirm"
            >
              {sending ? 'Granting…' : role ? `Grant ${role.roleName}` : 'Grant'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
