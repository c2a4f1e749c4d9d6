import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AppearanceRoot } from '../theme/AppearanceRoot';
import { useSystemAppearance } from '../theme/use-system-appearance';

const useStyles = makeStyles({
  content: { maxWidth: '640px', margin: '0 auto', padding: tokens.spacingVerticalXXXL },
});

/** Shown when the page was opened outside Electron and the browser host: nothing can work. */
export function BridgeMissing() {
  const styles = useStyles();
  return (
    <AppearanceRoot appearance={useSystemAppearance()} choice="system">
      <div className={styles.content}>
        <MessageBar intent="error" layout="multiline" data-testid="bridge-missing">
          <MessageBarBody>
            <MessageBarTitle>Mooring cannot reach its main process</MessageBarTitle>
            This page was opened without the Mooring bridge. Start Mooring itself, or open the
            address printed by the browser host (npm run demo).
          </MessageBarBody>
        </MessageBar>
      </div>
    </AppearanceRoot>
  );
}
