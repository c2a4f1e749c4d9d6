import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { RoleAssignmentView, RolePrincipal } from '../../../shared/domain/roles';
import { CallError } from '../components/CallError';
import { useAccess, useAzureStores } from '../state/azure-stores';
import { principalLabel, removalQuestion, scopeLabel } from './access-model';
import { RoleCommandsView } from './RoleCommandsView';
import { useAzureGate } from '../connectivity/use-azure-gate';

const useStyles = makeStyles({
  surface: { width: '680px', maxWidth: 'calc(100vw - 48px)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  danger: {
    backgroundColor: tokens.colorPaletteRedBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': {
      backgroundColor: tokens.colorPaletteRedForeground1,
      color: tokens.colorNeutralForegroundOnBrand,
    },
  },
});

interface RemoveAssignmentDialogProps {
  readonly assignment: RoleAssignmentView;
  readonly principal: RolePrincipal;
  readonly onClose: () => void;
}

/**
 * Confirms the removal of one role assignment, naming the role, the scope and the identity.
 * Cancel is the default: Enter on opening, or Escape, changes nothing.
 */
export function RemoveAssignmentDialog({
  assignment,
  principal,
  onClose,
}: RemoveAssignmentDialogProps) {
  // Actions that need Azure wait, with the reason said, while it cannot be reached.
  const gate = useAzureGate();
  const styles = useStyles();
  const store = useAzureStores().access;
  const sending = useAccess((state) => state.sending === assignment.assignmentId);
  const failure = useAccess((state) => state.actionError);
  const cancelRef = useRef<HTMLButtonElement>(null);

  // The dialog focuses its first focusable element (the commands' disclosure): Cancel instead,
  // so Enter on opening changes nothing.
  useEffect(() => {
    cancelRef.current?.focus();
    const frame = window.requestAnimationFrame(() => cancelRef.current?.focus());
    return () => window.cancelAnimationFrame(frame);
  }, []);

  const confirm = async () => {
    const grant = await store.getState().remove(assignment.assignmentId);
    if (grant) onClose();
  };

  return (
    <Dialog
      open
      modalType="alert"
      onOpenChange={(_event, data) => !data.open && !sending && onClose()}
    >
      <DialogSurface className={styles.surface} data-testid="remove-assignment-dialog">
        <DialogBody>
          <DialogTitle>{removalQuestion(assignment, principal)}</DialogTitle>
          <DialogContent className={styles.content}>
            <p data-testid="remove-assignment-explanation">
              The identity <strong>{principalLabel(principal)}</strong> loses the role{' '}
              <strong>{assignment.roleName}</strong> on{' '}
              <strong>{scopeLabel(assignment.scope)}</strong>. What the compute does with it
              (pulling images, reading data) stops working there.
              {assignment.inherited &&
                ' The assignment is on a broader scope: other resources below it lose it too.'}
            </p>
            {assignment.removeCommands && (
              <RoleCommandsView
                commands={assignment.removeCommands}
                testId="remove-assignment-commands"
              />
            )}
            {failure && (
              <CallError
                title={failure.what}
                error={failure.error}
                testId="remove-assignment-error"
              />
            )}
          </DialogContent>
          <DialogActions>
            {/* Cancel first and focused: the safe choice is the default one. */}
            <Button
              appearance="primary"
              onClick={onClose}
              disabled={sending}
              ref={cancelRef}
              data-testid="remove-assignment-cancel"
            >
              Cancel
            </Button>
            <Button
              className={styles.danger}
              onClick={() => void confirm()}
              disabled={sending}
              icon={sending ? <Spinner size="tiny" /> : undefined}
              {...gate.props}
              data-testid="remove-assignment-confirm"
            >
              {sending ? 'Removing…' : `Remove ${assignment.roleName}`}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
