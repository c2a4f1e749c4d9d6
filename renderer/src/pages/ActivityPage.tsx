import { HistoryRegular } from '@fluentui/react-icons';
import { EmptyState } from '../components/EmptyState';
import { Page } from '../components/Page';

export function ActivityPage({ focusHeading }: { focusHeading: boolean }) {
  return (
    <Page
      title="Activity"
      description="The operations Mooring runs for you and how each one went."
      focusHeading={focusHeading}
      testId="page-activity"
    >
      <EmptyState notYetAvailable icon={<HistoryRegular />} title="Activity is not available yet">
        This is where every attach, identity change and role assignment will appear with its
        progress and outcome, including operations Mooring resumed after the app or the machine
        restarted.
      </EmptyState>
    </Page>
  );
}
