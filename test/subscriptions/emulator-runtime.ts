import type { CommonClientOptions } from '@azure/core-client';
import { DEFAULT_CLIENT_ID } from '../../electron/connection/runtime';
import type { ConnectionRuntime } from '../../electron/connection/runtime';
import type { RunningEmulator } from '../emulator/emulator';
import { TrustingMsalNetworkClient } from '../emulator/trust';

/**
 * A ConnectionRuntime pointing at the local emulator and trusting its CA. `retryOptions` lets a
 * test shorten the SDK's retries (the product keeps the SDK defaults).
 */
export function emulatorRuntime(
  emu: RunningEmulator,
  retryOptions?: CommonClientOptions['retryOptions'],
): ConnectionRuntime {
  return {
    cloud: {
      id: 'Custom',
      displayName: 'Local Azure emulator',
      resourceManager: emu.armUrl,
      authorityHost: emu.authorityHost,
      armScope: `${emu.armUrl}/.default`,
    },
    clientId: DEFAULT_CLIENT_ID,
    msalNetworkClient: new TrustingMsalNetworkClient(emu.caPem),
    armClientOptions: () => ({
      endpoint: emu.armUrl,
      tlsOptions: { ca: emu.caPem },
      ...(retryOptions ? { retryOptions } : {}),
    }),
  };
}
