import { Page } from '../../components/Page';
import { AboutSection } from './AboutSection';
import { ConnectionSection } from './connection/ConnectionSection';
import { RefreshSection } from './RefreshSection';
import { ThemeSection } from './ThemeSection';

export function SettingsPage({ focusHeading }: { focusHeading: boolean }) {
  return (
    <Page
      title="Settings"
      description="How Mooring looks, how it reaches Azure, and where it keeps its local record."
      focusHeading={focusHeading}
      testId="page-settings"
    >
      <ThemeSection />
      <ConnectionSection />
      <RefreshSection />
      <AboutSection />
    </Page>
  );
}
