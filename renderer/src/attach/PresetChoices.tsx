import { Caption1, Checkbox, Field, makeStyles, tokens } from '@fluentui/react-components';
import { PRESETS, availablePresets } from '../../../shared/azure/role-presets';
import type { WorkspaceView } from '../../../shared/domain/inventory';
import type { PresetKey } from '../../../shared/domain/roles';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  purpose: { display: 'block', color: tokens.colorNeutralForeground3 },
});

interface PresetChoicesProps {
  readonly chosen: readonly PresetKey[];
  /** The chosen workspaces: a preset none of them can have is offered disabled, saying why. */
  readonly workspaces: readonly Pick<
    WorkspaceView,
    'id' | 'containerRegistry' | 'storageAccount' | 'keyVault'
  >[];
  readonly onChange: (presets: PresetKey[]) => void;
}

/**
 * The grants to make once the compute has attached and its identity exists: one checkbox per
 * preset with what it is for in one line.
 */
export function PresetChoices({ chosen, workspaces, onChange }: PresetChoicesProps) {
  const styles = useStyles();
  const offered = new Set(workspaces.flatMap((workspace) => availablePresets(workspace)));
  const toggle = (key: PresetKey, on: boolean) =>
    onChange(
      PRESETS.map((preset) => preset.key).filter((k) => (k === key ? on : chosen.includes(k))),
    );
  return (
    <Field
      label="Grant the new identity"
      hint="Granted once the compute has attached; each grant waits for Entra ID to know the identity."
    >
      <div className={styles.list} data-testid="attach-presets">
        {PRESETS.map((preset) => {
          const available = workspaces.length === 0 || offered.has(preset.key);
          return (
            <Checkbox
              key={preset.key}
              checked={available && chosen.includes(preset.key)}
              disabled={!available}
              onChange={(_event, data) => toggle(preset.key, data.checked === true)}
              label={
                <>
                  {preset.role.name}
                  <Caption1 className={styles.purpose}>
                    {available ? preset.purpose : preset.missing}
                  </Caption1>
                </>
              }
              data-testid={`attach-preset-${preset.key}`}
            />
          );
        })}
      </div>
    </Field>
  );
}
