import { AttachWizard } from '../attach/AttachWizard';
import { Page } from '../components/Page';

export function AttachPage({ focusHeading }: { focusHeading: boolean }) {
  return (
    <Page
      title="Attach"
      description="Attach an AKS or Azure Arc-enabled cluster to a workspace as a Kubernetes compute. Mooring checks everything before it sends anything, and shows the request and the equivalent az commands."
      focusHeading={focusHeading}
      testId="page-attach"
    >
      <AttachWizard />
    </Page>
  );
}
