import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { STEP_LABELS, WIZARD_STEPS } from './wizard-steps';
import type { WizardStep } from './wizard-steps';

const useStyles = makeStyles({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    counterReset: 'step',
  },
  step: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusCircular,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground2,
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase300,
    cursor: 'pointer',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
    ':disabled': { cursor: 'default', color: tokens.colorNeutralForegroundDisabled },
  },
  current: {
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandBackground}`,
  },
});

interface WizardStepListProps {
  readonly step: WizardStep;
  readonly reachable: ReadonlySet<WizardStep>;
  /** Once attaching has started, the earlier steps are history: they cannot be revisited. */
  readonly locked: boolean;
  readonly onGoTo: (step: WizardStep) => void;
}

/** Where the user is in the wizard; earlier and completed steps can be jumped to. */
export function WizardStepList({ step, reachable, locked, onGoTo }: WizardStepListProps) {
  const styles = useStyles();
  return (
    <nav aria-label="Attach steps">
      <ol className={styles.list}>
        {WIZARD_STEPS.map((candidate, index) => {
          const current = candidate === step;
          const enabled =
            !current && (locked ? candidate === 'progress' : reachable.has(candidate));
          return (
            <li key={candidate}>
              <button
                type="button"
                className={mergeClasses(styles.step, current && styles.current)}
                aria-current={current ? 'step' : undefined}
                disabled={!enabled && !current}
                onClick={() => enabled && onGoTo(candidate)}
                data-testid={`attach-step-tab-${candidate}`}
              >
                {index + 1}. {STEP_LABELS[candidate]}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
