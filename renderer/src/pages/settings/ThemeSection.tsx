import { Field, Radio, RadioGroup, Spinner } from '@fluentui/react-components';
import { ThemeChoice } from '../../../../shared/domain/theme';
import { CallError } from '../../components/CallError';
import { SettingsSection } from '../../components/SettingsSection';
import { selectThemeChoice } from '../../state/shell-store';
import { useShell } from '../../state/shell-store-context';
import { THEME_CHOICE_LABELS } from '../../theme/appearance';
import type { Appearance } from '../../theme/appearance';
import { useSystemAppearance } from '../../theme/use-system-appearance';
import { ThemeSaveStatus } from './ThemeSaveStatus';

const APPEARANCE_NAMES: Record<Appearance, string> = {
  light: 'light',
  dark: 'dark',
  'high-contrast': 'high contrast',
};

/** The theme choice: applied as soon as it is picked, stored in the local database. */
export function ThemeSection() {
  const choice = useShell(selectThemeChoice);
  const settings = useShell((state) => state.settings);
  const loadSettings = useShell((state) => state.loadSettings);
  const chooseTheme = useShell((state) => state.chooseTheme);
  const system = useSystemAppearance();

  const onChange = (value: string) => {
    const parsed = ThemeChoice.safeParse(value);
    if (parsed.success) void chooseTheme(parsed.data);
  };

  return (
    <SettingsSection title="Appearance">
      {settings.status === 'loading' && <Spinner size="tiny" label="Loading your settings…" />}
      {settings.status === 'failed' && (
        <CallError
          title="Your settings could not be loaded"
          error={settings.error}
          onRetry={() => void loadSettings()}
          testId="settings-load-error"
        />
      )}
      <Field
        label="Theme"
        hint={`System follows your operating system, which currently asks for ${APPEARANCE_NAMES[system]}.`}
      >
        <RadioGroup
          value={choice}
          onChange={(_event, data) => onChange(data.value)}
          data-testid="theme-choice"
        >
          {ThemeChoice.options.map((option) => (
            <Radio
              key={option}
              value={option}
              label={THEME_CHOICE_LABELS[option]}
              data-testid={`theme-option-${option}`}
            />
          ))}
        </RadioGroup>
      </Field>
      <ThemeSaveStatus />
    </SettingsSection>
  );
}
