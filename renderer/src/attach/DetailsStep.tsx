import {
  Caption1,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { UserAssignedIdentityView } from '../../../shared/domain/clusters';
import type { WorkspaceView } from '../../../shared/domain/inventory';
import type { AttachForm, DetailsProblems, IdentityKind } from './attach-form';
import { PresetChoices } from './PresetChoices';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    maxWidth: '560px',
  },
  hint: { color: tokens.colorNeutralForeground3 },
});

type FieldName = 'computeName' | 'namespace' | 'description' | 'identity';

interface DetailsStepProps {
  readonly form: AttachForm;
  readonly problems: DetailsProblems;
  readonly identities: readonly UserAssignedIdentityView[];
  /** The chosen workspaces (which presets they can have). */
  readonly workspaces?: readonly WorkspaceView[];
  /** Show every problem now (the user pressed Next), not only those of fields already left. */
  readonly showAll: boolean;
  readonly onChange: (form: AttachForm) => void;
}

const IDENTITY_LABELS: Record<IdentityKind, string> = {
  None: 'None',
  SystemAssigned: 'System-assigned (a new identity of its own, named <workspace>/computes/<name>)',
  UserAssigned: 'User-assigned (one identity you already manage)',
};

/**
 * The compute's name, namespace, description and identity, checked as the user types by the
 * same rules the main process applies before it sends anything.
 */
export function DetailsStep({
  form,
  problems,
  identities,
  workspaces = [],
  showAll,
  onChange,
}: DetailsStepProps) {
  const styles = useStyles();
  const [touched, setTouched] = useState<ReadonlySet<FieldName>>(() => new Set());
  const touch = (field: FieldName) => setTouched((previous) => new Set(previous).add(field));
  // A field says what is wrong once the user has typed in it or left it, never before.
  const problemOf = (field: FieldName, value: string | null) =>
    showAll || touched.has(field) ? (value ?? undefined) : undefined;

  return (
    <div className={styles.root} data-testid="attach-step-details">
      <Field
        label="Compute name"
        required
        hint="2 to 16 letters, digits and hyphens; starts with a letter, ends with a letter or digit."
        validationMessage={problemOf('computeName', problems.computeName)}
      >
        <Input
          value={form.computeName}
          onChange={(_event, data) => {
            touch('computeName');
            onChange({ ...form, computeName: data.value });
          }}
          onBlur={() => touch('computeName')}
          autoComplete="off"
          spellCheck={false}
          data-testid="attach-compute-name"
        />
      </Field>
      <Field
        label="Kubernetes namespace"
        required
        hint="Azure ML neither creates nor checks it: the preflight looks for it on the cluster."
        validationMessage={problemOf('namespace', problems.namespace)}
      >
        <Input
          value={form.namespace}
          onChange={(_event, data) => {
            touch('namespace');
            onChange({ ...form, namespace: data.value });
          }}
          onBlur={() => touch('namespace')}
          autoComplete="off"
          spellCheck={false}
          data-testid="attach-namespace"
        />
      </Field>
      <Field label="Description" validationMessage={problemOf('description', problems.description)}>
        <Textarea
          value={form.description}
          onChange={(_event, data) => {
            touch('description');
            onChange({ ...form, description: data.value });
          }}
          resize="vertical"
          data-testid="attach-description"
        />
      </Field>
      <Field label="Managed identity" validationMessage={problemOf('identity', problems.identity)}>
        <RadioGroup
          value={form.identityKind}
          onChange={(_event, data) =>
            onChange({ ...form, identityKind: data.value as IdentityKind })
          }
          data-testid="attach-identity-kind"
        >
          {(['None', 'SystemAssigned', 'UserAssigned'] as const).map((kind) => (
            <Radio
              key={kind}
              value={kind}
              label={IDENTITY_LABELS[kind]}
              disabled={kind === 'UserAssigned' && identities.length === 0}
              data-testid={`attach-identity-${kind}`}
            />
          ))}
        </RadioGroup>
      </Field>
      {identities.length === 0 && (
        <Caption1 className={styles.hint}>
          No user-assigned identity is known in the workspace’s subscription.
        </Caption1>
      )}
      {form.identityKind === 'UserAssigned' && (
        <Field label="User-assigned identity" required>
          <Select
            value={form.userAssignedIdentityId ?? ''}
            onChange={(_event, data) => {
              touch('identity');
              onChange({ ...form, userAssignedIdentityId: data.value || null });
            }}
            data-testid="attach-user-identity"
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
      {form.identityKind !== 'None' && (
        <PresetChoices
          chosen={form.presets}
          workspaces={workspaces}
          onChange={(presets) => onChange({ ...form, presets })}
        />
      )}
    </div>
  );
}
