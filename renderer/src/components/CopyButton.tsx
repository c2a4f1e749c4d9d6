import { Button, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { Checkmark16Regular, Copy16Regular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import { copyOrSelect } from '../accounts/copy-text';

const useStyles = makeStyles({
  offscreen: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'pre',
  },
  button: { minWidth: 0, flexShrink: 0 },
  root: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
});

interface CopyButtonProps {
  readonly text: string;
  /** What is copied, for the button's accessible name: "the az command". */
  readonly what: string;
  readonly label?: string;
  readonly testId?: string;
}

/**
 * Copies `text`. Where the clipboard is refused (the desktop shell denies permission requests),
 * the text is selected instead so Ctrl+C (Cmd+C) copies it.
 */
export function CopyButton({ text, what, label, testId }: CopyButtonProps) {
  const styles = useStyles();
  const textRef = useRef<HTMLSpanElement>(null);
  const [copied, setCopied] = useState(false);
  return (
    <span className={styles.root}>
      <span ref={textRef} tabIndex={-1} className={styles.offscreen}>
        {text}
      </span>
      <Tooltip content={copied ? 'Copied' : `Copy ${what}`} relationship="description">
        <Button
          size="small"
          appearance={label ? 'secondary' : 'subtle'}
          className={styles.button}
          icon={copied ? <Checkmark16Regular /> : <Copy16Regular />}
          aria-label={label ? undefined : `Copy ${what}`}
          onClick={() => {
            void copyOrSelect(text, textRef.current).then(setCopied);
          }}
          data-testid={testId}
          data-copied={copied}
        >
          {label}
        </Button>
      </Tooltip>
    </span>
  );
}
