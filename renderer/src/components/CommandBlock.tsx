import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { CopyButton } from './CopyButton';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  head: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  label: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  code: {
    margin: 0,
    padding: tokens.spacingVerticalS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    maxHeight: '320px',
    overflowY: 'auto',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    userSelect: 'text',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
});

interface CommandBlockProps {
  readonly label: string;
  readonly text: string;
  readonly testId: string;
}

/** A command or request body, verbatim, selectable and with its own copy button. */
export function CommandBlock({ label, text, testId }: CommandBlockProps) {
  const styles = useStyles();
  return (
    <div className={styles.root} data-testid={testId}>
      <div className={styles.head}>
        <Caption1 className={styles.label}>{label}</Caption1>
        <CopyButton text={text} what={label.toLowerCase()} label="Copy" testId={`${testId}-copy`} />
      </div>
      {/* Focusable so the keyboard can scroll a long body. */}
      <pre className={styles.code} tabIndex={0} aria-label={label} data-testid={`${testId}-text`}>
        {text}
      </pre>
    </div>
  );
}
