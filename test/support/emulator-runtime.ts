import type { CommonClientOptions } from '@azure/core-client';
import { bearerHostPolicyConfig } from '../../electron/network/bearer-host-policy';
import { createTrustedHosts } from '../../electron/network/trusted-hosts';
import { DEFAULT_CLIENT_ID } from '../../electron/connection/runtime';
import type { ConnectionRuntime } from '../../electron/connection/runtime';
import type { RunningEmulator } from '../emulator/emulator';
import { TrustingMsalNetworkClient, armClientOptions } from '../emulator/trust';

export interface EmulatorRuntimeOptions {
  /** The application id to sign in as; the default public client otherwise. */
  readonly clientId?: string;
  /** Shorter SDK retries for tests that inject failures (the product keeps the SDK defaults). */
  readonly retryOptions?: CommonClientOptions['retryOptions'];
}

/**
 * A ConnectionRuntime for the local emulator, as the app builds one for a custom cloud: ARM and
 * Entra ID at the emulator's origin, msal and the ARM clients trusting the emulator's CA, and
 * the product's bearer-host policy (tokens go to the emulator's ARM only).
 */
export function emulatorRuntime(
  emu: RunningEmulator,
  options: EmulatorRuntimeOptions = {},
): ConnectionRuntime {
  const trustedHosts = createTrustedHosts(emu.armUrl);
  const bearerHosts = bearerHostPolicyConfig(trustedHosts);
  return {
    cloud: {
      id: 'Custom',
      displayName: 'Local Azure emulator',
      resourceManager: emu.armUrl,
      authorityHost: emu.authorityHost,
      armScope: `${emu.armUrl}/.default`,
    },
    clientId: options.clientId ?? DEFAULT_CLIENT_ID,
    msalNetworkClient: new TrustingMsalNetworkClient(emu.caPem),
    trustedHosts,
    armClientOptions: () => ({
      ...armClientOptions(emu),
      additionalPolicies: [bearerHosts],
      ...(options.retryOptions ? { retryOptions: options.retryOptions } : {}),
    }),
  };
}
