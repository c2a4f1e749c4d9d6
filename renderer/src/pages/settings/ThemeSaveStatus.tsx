import { Caption1, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkCircleRegular } from '@fluentui/react-icons';
import { CallError } from '../../components/CallError';
import { selectThemeChoice } from '../../state/shell-store';
import { useShell } from '../../state/shell-store-context';
import { THEME_CHOICE_LABELS } from '../../theme/appearance';

const useStyles = makeStyles({
  saved: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorPaletteGreenForeground1,
  },
});

/** How the last theme change went: saving, saved, or the error with a way to try again. */
export function ThemeSaveStatus() {
  const styles = useStyles();
  const themeSave = useShell((state) => state.themeSave);
  const choice = useShell(selectThemeChoice);
  const chooseTheme = useShell((state) => state.chooseTheme);

  // A live region that is always there, so screen readers announce each new status.
  return (
    <div role="status" aria-live="polite" data-testid="theme-save-status">
      {themeSave.status === 'saving' && <Spinner size="extra-tiny" label="Saving the theme…" />}
      {/* Once another window changed the theme, "saved" would describe a choice no longer in force. */}
      {themeSave.status === 'saved' && themeSave.choice === choice && (
        <Caption1 className={styles.saved}>
          <CheckmarkCircleRegular aria-hidden="true" />
          {THEME_CHOICE_LABELS[themeSave.choice]} theme saved.
        </Caption1>
      )}
      {themeSave.status === 'failed' && (
        <CallError
          title={`The ${THEME_CHOICE_LABELS[themeSave.choice]} theme could not be saved`}
          error={themeSave.error}
          onRetry={() => void chooseTheme(themeSave.choice)}
          testId="theme-save-error"
        />
      )}
    </div>
  );
}
