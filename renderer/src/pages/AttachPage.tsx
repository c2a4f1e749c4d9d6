import { PlugConnectedRegular } from '@fluentui/react-icons';
import { EmptyState } from '../components/EmptyState';
import { Page } from '../components/Page';

export function AttachPage({ focusHeading }: { focusHeading: boolean }) {
  return (
    <Page
      title="Attach"
      description="Attach an AKS or Azure Arc-enabled cluster to a workspace as a Kubernetes compute."
      focusHeading={focusHeading}
      testId="page-attach"
    >
      <EmptyState
        notYetAvailable
        icon={<PlugConnectedRegular />}
        title="Attaching is not available yet"
      >
        This is where you will pick a workspace and a cluster running the Azure Machine Learning
        extension, name the compute and its namespace, give it a managed identity and grant that
        identity roles such as AcrPull and Storage Blob Data Reader. Mooring will check all of it
        before it changes anything in Azure.
      </EmptyState>
    </Page>
  );
}
