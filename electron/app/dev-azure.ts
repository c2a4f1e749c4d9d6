import type { Dispatch } from '../ipc/dispatcher';
import type { CallContext } from '../ipc/handlers';

/** A development-only Azure to point Mooring at: the local emulator. */
export interface DevelopmentAzure {
  readonly resourceManagerUrl: string;
  readonly caFile: string;
}

/**
 * Points Mooring at a custom cloud through the contract, exactly as a user would in Settings >
 * Connection (so it is validated and resolved through the cloud's metadata like any other).
 * Used by `npm run demo`; never by a packaged app.
 */
export async function pointAtDevelopmentAzure(
  dispatch: Dispatch,
  azure: DevelopmentAzure,
  context: CallContext,
): Promise<void> {
  const result = await dispatch(
    'connection.update',
    {
      cloud: 'Custom',
      customResourceManagerUrl: azure.resourceManagerUrl,
      extraCaFile: azure.caFile,
      proxy: { mode: 'none' },
    },
    context,
  );
  if (!result.ok) {
    throw new Error(
      `Could not point Mooring at ${azure.resourceManagerUrl}: ${result.error.message}`,
    );
  }
}

/** The emulator named by the environment `npm run demo` gives a development Electron. */
export function developmentAzureFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): DevelopmentAzure | null {
  const resourceManagerUrl = env['MOORING_DEV_AZURE_ARM_URL'];
  const caFile = env['MOORING_DEV_AZURE_CA_FILE'];
  return resourceManagerUrl && caFile ? { resourceManagerUrl, caFile } : null;
}
