import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectClient } from './bridge/connect-client';
import { App } from './shell/App';
import { BridgeMissing } from './shell/BridgeMissing';
import { RenderErrorBoundary } from './shell/RenderErrorBoundary';
import { createAzureStores } from './state/azure-stores';
import { createShellStore } from './state/shell-store';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element to render Mooring into.');

const client = connectClient();
createRoot(container).render(
  <StrictMode>
    {/* The last line of defence: a render error in the header, status bar or an overlay would
        otherwise unmount everything and leave a blank window. */}
    <RenderErrorBoundary>
      {client ? (
        <App client={client} store={createShellStore(client)} azure={createAzureStores(client)} />
      ) : (
        <BridgeMissing />
      )}
    </RenderErrorBoundary>
  </StrictMode>,
);
