import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { CheckmarkCircleRegular } from '@fluentui/react-icons';
import { useEffect, useMemo, useState } from 'react';
import type {
  CloudId,
  ConnectionField,
  ConnectionView,
} from '../../../../../shared/domain/connection';
import { CallError } from '../../../components/CallError';
import { SettingsSection } from '../../../components/SettingsSection';
import { useConnection } from '../../../state/azure-stores';
import {
  changedSettings,
  draftFrom,
  fieldOfServerError,
  proxyPasswordStatus,
  validateDraft,
} from './connection-form';
import type { ConnectionDraft, DraftErrors, DraftField } from './connection-form';
import { DefaultClientNote } from './DefaultClientNote';
import { TokenStorageField } from './TokenStorageField';

const CLOUD_LABELS: Record<CloudId, string> = {
  AzureCloud: 'Azure',
  AzureUSGovernment: 'Azure US Government',
  AzureChinaCloud: 'Azure operated by 21Vianet (China)',
  Custom: 'Custom cloud (from its Resource Manager URL)',
};

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  resolved: {
    color: tokens.colorNeutralForeground3,
    fontFamily: tokens.fontFamilyMonospace,
    overflowWrap: 'anywhere',
  },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  saved: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorPaletteGreenForeground1,
  },
  monospace: { fontFamily: tokens.fontFamilyMonospace },
});

/** The settings field (as policy names it) behind each form field. */
const POLICY_FIELD: Record<DraftField, ConnectionField> = {
  cloud: 'cloud',
  customResourceManagerUrl: 'customResourceManagerUrl',
  clientId: 'clientId',
  proxyMode: 'proxy',
  proxyUrl: 'proxy',
  proxyPassword: 'proxy',
  extraCaFile: 'extraCaFile',
  allowWeakTokenProtection: 'allowWeakTokenProtection',
};

function ConnectionForm({ view }: { view: ConnectionView }) {
  const styles = useStyles();
  const save = useConnection((state) => state.save);
  const update = useConnection((state) => state.update);
  const [draft, setDraft] = useState<ConnectionDraft>(() => draftFrom(view.settings));
  const [touched, setTouched] = useState(false);
  // The server's word on a field, kept until that field is edited again.
  const [serverErrors, setServerErrors] = useState<DraftErrors>({});
  const [showSaved, setShowSaved] = useState(false);

  const changes = useMemo(
    () => changedSettings(draft, view.settings, view.lockedByPolicy),
    [draft, view.settings, view.lockedByPolicy],
  );
  const dirty = Object.keys(changes).length > 0;

  // Settings changed elsewhere (another window, policy) replace an untouched form.
  useEffect(() => {
    if (!dirty) setDraft(draftFrom(view.settings));
    // Only a new stored value should do this, not every edit.
  }, [view.settings]);

  const localErrors = useMemo(() => validateDraft(draft), [draft]);
  const errors: DraftErrors = { ...(touched ? localErrors : {}), ...serverErrors };
  const valid = Object.keys(localErrors).length === 0;
  const saving = save.status === 'saving';

  const locked = (field: DraftField) => view.lockedByPolicy.includes(POLICY_FIELD[field]);
  const policyNote = (field: DraftField) =>
    locked(field)
      ? `Set by your administrator (policy file: ${view.policyFile ?? 'unknown'}).`
      : null;
  const hintFor = (field: DraftField, hint?: string) => policyNote(field) ?? hint;

  const edit = <K extends DraftField>(field: K, value: ConnectionDraft[K]) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setServerErrors((current) => {
      const { [field]: _gone, ...rest } = current;
      return rest;
    });
    setShowSaved(false);
  };

  const submit = async () => {
    setTouched(true);
    if (!valid || !dirty) return;
    setServerErrors({});
    const accepted = await update(changes);
    if (accepted) {
      // The password went to the main process; the field shows it as saved from now on.
      setDraft((current) => ({ ...current, proxyPassword: '' }));
      setShowSaved(true);
      setTouched(false);
    }
  };

  // A refusal about one field shows on that field; anything else above the Save button.
  const serverError = save.status === 'failed' ? save.error : null;
  // Declined in the main process's confirmation dialog: not a problem with any field.
  const cancelled = serverError?.code === 'cancelled';
  const serverField = serverError && !cancelled ? fieldOfServerError(serverError) : null;
  useEffect(() => {
    if (serverError && serverField) setServerErrors({ [serverField]: serverError.message });
  }, [serverError, serverField]);

  const fieldState = (field: DraftField) => (errors[field] ? 'error' : 'none') as 'error' | 'none';
  const passwordStatus = proxyPasswordStatus(draft, view);

  return (
    <form
      className={styles.form}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      data-testid="connection-form"
    >
      {view.policyProblem ? (
        <MessageBar intent="error" data-testid="connection-policy-problem">
          <MessageBarBody>
            <MessageBarTitle>Your administrator’s policy file cannot be applied</MessageBarTitle>
            {view.policyProblem} Mooring will not connect to Azure until it is corrected.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <Field
        label="Cloud"
        hint={hintFor('cloud')}
        validationState={fieldState('cloud')}
        validationMessage={errors.cloud}
      >
        <Select
          value={draft.cloud}
          disabled={locked('cloud') || saving}
          onChange={(_event, data) => edit('cloud', data.value as CloudId)}
          data-testid="connection-cloud"
        >
          {(Object.keys(CLOUD_LABELS) as CloudId[]).map((cloud) => (
            <option key={cloud} value={cloud}>
              {CLOUD_LABELS[cloud]}
            </option>
          ))}
        </Select>
      </Field>

      {draft.cloud === 'Custom' && (
        <Field
          label="Resource Manager URL"
          required
          hint={hintFor(
            'customResourceManagerUrl',
            'Mooring reads the cloud’s sign-in endpoints from this URL followed by /metadata/endpoints.',
          )}
          validationState={fieldState('customResourceManagerUrl')}
          validationMessage={errors.customResourceManagerUrl}
        >
          <Input
            type="url"
            value={draft.customResourceManagerUrl}
            placeholder="https://management.contoso.local"
            disabled={locked('customResourceManagerUrl') || saving}
            onChange={(_event, data) => edit('customResourceManagerUrl', data.value)}
            onBlur={() => setTouched(true)}
            data-testid="connection-custom-url"
          />
        </Field>
      )}

      <Caption1 className={styles.resolved} data-testid="connection-resolved">
        Currently in use: Resource Manager {view.resolved.resourceManager} · sign-in{' '}
        {view.resolved.authorityHost}
      </Caption1>

      <Field
        label="Application (client) ID"
        hint={hintFor(
          'clientId',
          'Leave empty for the default. To use your organisation’s own app registration, enter its Application (client) ID; it must allow public client flows with the redirect URI http://localhost. Your administrator can also set it for everyone in the policy file.',
        )}
        validationState={fieldState('clientId')}
        validationMessage={errors.clientId}
      >
        <Input
          className={styles.monospace}
          value={draft.clientId}
          placeholder={
            view.settings.clientId === null ? view.resolved.clientId : 'Mooring’s default'
          }
          disabled={locked('clientId') || saving}
          onChange={(_event, data) => edit('clientId', data.value)}
          onBlur={() => setTouched(true)}
          data-testid="connection-client-id"
        />
      </Field>

      <DefaultClientNote clientId={view.settings.clientId} />

      <Field
        label="Proxy"
        hint={hintFor('proxyMode', 'Used for sign-in and for every Azure Resource Manager call.')}
      >
        <RadioGroup
          value={draft.proxyMode}
          disabled={locked('proxyMode') || saving}
          onChange={(_event, data) => edit('proxyMode', data.value as ConnectionDraft['proxyMode'])}
          data-testid="connection-proxy-mode"
        >
          <Radio value="system" label="Automatic (this computer’s proxy configuration)" />
          <Radio value="none" label="No proxy" />
          <Radio value="manual" label="Use this proxy:" />
        </RadioGroup>
      </Field>
      {draft.proxyMode === 'manual' && (
        <Field
          label="Proxy address"
          required
          validationState={fieldState('proxyUrl')}
          validationMessage={errors.proxyUrl}
        >
          <Input
            value={draft.proxyUrl}
            placeholder="http://proxy.contoso.com:8080"
            disabled={locked('proxyUrl') || saving}
            onChange={(_event, data) => edit('proxyUrl', data.value)}
            onBlur={() => setTouched(true)}
            data-testid="connection-proxy-url"
          />
        </Field>
      )}
      {draft.proxyMode === 'manual' && (
        <Field
          label="Proxy password"
          hint={hintFor('proxyPassword', passwordStatus.hint)}
          validationState={fieldState('proxyPassword')}
          validationMessage={errors.proxyPassword}
        >
          <Input
            type="password"
            autoComplete="off"
            value={draft.proxyPassword}
            placeholder={passwordStatus.placeholder}
            disabled={locked('proxyPassword') || saving}
            onChange={(_event, data) => edit('proxyPassword', data.value)}
            onBlur={() => setTouched(true)}
            data-testid="connection-proxy-password"
          />
        </Field>
      )}

      <Field
        label="Extra trusted certificate authorities"
        hint={hintFor(
          'extraCaFile',
          'The full path of a PEM file with the certificates of a TLS-inspecting proxy. Leave empty if you have none.',
        )}
        validationState={fieldState('extraCaFile')}
        validationMessage={errors.extraCaFile}
      >
        <Input
          className={styles.monospace}
          value={draft.extraCaFile}
          placeholder="/etc/ssl/certs/proxy-ca.pem"
          disabled={locked('extraCaFile') || saving}
          onChange={(_event, data) => edit('extraCaFile', data.value)}
          onBlur={() => setTouched(true)}
          data-testid="connection-extra-ca"
        />
      </Field>

      <TokenStorageField
        status={view.tokenStorage}
        optIn={view.tokenOptIn}
        allowWeak={draft.allowWeakTokenProtection}
        onAllowWeakChange={(allow) => edit('allowWeakTokenProtection', allow)}
        disabled={locked('allowWeakTokenProtection') || saving}
        policyNote={policyNote('allowWeakTokenProtection')}
      />

      {cancelled && (
        <MessageBar intent="info" layout="multiline" data-testid="connection-save-cancelled">
          <MessageBarBody>
            <MessageBarTitle>Nothing was changed</MessageBarTitle>
            {serverError.message} Your edits are still here: save again to be asked again, or
            discard them.
          </MessageBarBody>
        </MessageBar>
      )}
      {serverError && !serverField && !cancelled && (
        <CallError
          title="The connection settings were not saved"
          error={serverError}
          testId="connection-save-error"
        />
      )}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          type="submit"
          disabled={!dirty || saving}
          icon={saving ? <Spinner size="tiny" /> : undefined}
          data-testid="connection-save"
        >
          {saving ? 'Saving…' : 'Save'}
        </Button>
        <Button
          disabled={!dirty || saving}
          onClick={() => {
            setDraft(draftFrom(view.settings));
            setServerErrors({});
            setTouched(false);
          }}
          data-testid="connection-discard"
        >
          Discard changes
        </Button>
        <div role="status" aria-live="polite" data-testid="connection-save-status">
          {saving && (
            <Caption1>
              A change to the cloud, client id, proxy, certificates or token storage waits for your
              answer in the dialog Mooring shows outside this page.
            </Caption1>
          )}
          {showSaved && !dirty && save.status === 'saved' && (
            <Caption1 className={styles.saved}>
              <CheckmarkCircleRegular aria-hidden="true" />
              Connection settings saved; they apply to the next sign-in and Azure call.
            </Caption1>
          )}
        </div>
      </div>
    </form>
  );
}

/** Cloud, client id, proxy, extra CAs and token storage, with what an administrator locked. */
export function ConnectionSection() {
  const view = useConnection((state) => state.view);
  const load = useConnection((state) => state.load);
  return (
    <SettingsSection title="Connection to Azure">
      {view.status === 'loading' && <Spinner size="tiny" label="Loading connection settings…" />}
      {view.status === 'failed' && (
        <CallError
          title="The connection settings could not be loaded"
          error={view.error}
          onRetry={() => void load()}
          testId="connection-load-error"
        />
      )}
      {view.status === 'ready' && <ConnectionForm view={view.value} />}
    </SettingsSection>
  );
}
