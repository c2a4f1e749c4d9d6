import { Page } from '../../components/Page';
import { AboutSection } from './AboutSection';
import { ThemeSection } from './ThemeSection';

export function SettingsPage({ focusHeading }: { focusHeading: boolean }) {
  return (
    <Page
      title="Settings"
      description="How Mooring looks, and where it keeps its local record."
      focusHeading={focusHeading}
      testId="page-settings"
    >
      <ThemeSection />
      <AboutSection />
    </Page>
  );
}
