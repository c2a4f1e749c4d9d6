import { makeStyles, tokens } from '@fluentui/react-components';
import type { RequestPreview } from '../../../shared/domain/operations';
import { CommandBlock } from '../components/CommandBlock';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
});

/** The exact request Mooring sends and the az commands that do the same, each ready to copy. */
export function RequestPreviewView({
  preview,
  testId,
}: {
  preview: RequestPreview;
  testId: string;
}) {
  const styles = useStyles();
  return (
    <div className={styles.root} data-testid={testId}>
      <CommandBlock
        label="Request"
        text={`${preview.method} ${preview.path}`}
        testId={`${testId}-request`}
      />
      {preview.body !== null && (
        <CommandBlock label="Request body" text={preview.body} testId={`${testId}-body`} />
      )}
      <CommandBlock label="az command" text={preview.commands.az} testId={`${testId}-az`} />
      <CommandBlock
        label="az rest command"
        text={preview.commands.azRest}
        testId={`${testId}-az-rest`}
      />
    </div>
  );
}
