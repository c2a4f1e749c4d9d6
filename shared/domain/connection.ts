import { z } from 'zod';

export const CloudId = z.enum(['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud', 'Custom']);
export type CloudId = z.infer<typeof CloudId>;

// Strict (an unknown key is an error) like every object Mooring accepts from the renderer or a
// policy file: a misspelt field must not be dropped silently.
export const ProxySetting = z.discriminatedUnion('mode', [
  /** The operating system's proxy configuration (Electron resolves it per URL). */
  z.strictObject({ mode: z.literal('system') }),
  z.strictObject({ mode: z.literal('none') }),
  z.strictObject({ mode: z.literal('manual'), url: z.string().min(1).max(2048) }),
]);
export type ProxySetting = z.infer<typeof ProxySetting>;

/** What the user (or an administrator's policy file) decides about how Mooring reaches Azure. */
export const ConnectionSettings = z.object({
  cloud: CloudId,
  /** Only for `Custom`: the Resource Manager URL whose /metadata/endpoints describes the cloud. */
  customResourceManagerUrl: z.string().max(2048).nullable(),
  /** The Entra ID application (public client) Mooring signs in as; null = the default one. */
  clientId: z.string().max(64).nullable(),
  proxy: ProxySetting,
  /** A PEM file of extra certificate authorities to trust (TLS-inspecting proxies). */
  extraCaFile: z.string().max(4096).nullable(),
  /** Keep tokens on disk even where no OS key store protects them (Linux without a keyring). */
  allowWeakTokenProtection: z.boolean(),
});
export type ConnectionSettings = z.infer<typeof ConnectionSettings>;

export const ConnectionField = ConnectionSettings.keyof();
export type ConnectionField = z.infer<typeof ConnectionField>;

export const TokenStorageStatus = z.object({
  /** encrypted: on disk, OS-protected; memory: signed-in state ends with the app; weak-encrypted: opted in. */
  mode: z.enum(['encrypted', 'memory', 'weak-encrypted']),
  osKeyStoreAvailable: z.boolean(),
});
export type TokenStorageStatus = z.infer<typeof TokenStorageStatus>;

export const ConnectionView = z.object({
  settings: ConnectionSettings,
  /** Fields an administrator's policy file sets; the UI shows them read-only. */
  lockedByPolicy: z.array(ConnectionField),
  policyFile: z.string().nullable(),
  /**
   * Why the policy file could not be applied (unreadable, not JSON, an invalid value), or null.
   * While set, every field is locked and Mooring does not connect to Azure: a typo must never
   * unlock what an administrator meant to enforce.
   */
  policyProblem: z.string().nullable(),
  /**
   * The endpoints in force (for a custom cloud, as its metadata described them). For a custom
   * cloud whose metadata could not be read yet, `resourceManager` is its URL and
   * `authorityHost` is empty until it is.
   */
  resolved: z.object({
    resourceManager: z.string(),
    authorityHost: z.string(),
    clientId: z.string(),
  }),
  tokenStorage: TokenStorageStatus,
  /**
   * Whether the "keep tokens on disk without a secure store" switch can apply: `not-needed` with
   * an OS key store, `available` where only Mooring's own key can encrypt, `unavailable` where
   * nothing can encrypt (tokens stay in memory whatever the switch says, so it is disabled).
   */
  tokenOptIn: z.enum(['not-needed', 'available', 'unavailable']),
  /**
   * The manual proxy's password, which `settings.proxy.url` never carries (the URL shows at most
   * the user name): null when there is none; `encrypted` / `weak-encrypted` when kept on disk
   * like the tokens; `memory` when nothing can protect it, so it is gone at the next start and
   * must be entered again; `policy` when the administrator's policy file sets it.
   */
  proxyPassword: z.enum(['encrypted', 'weak-encrypted', 'memory', 'policy']).nullable(),
});
export type ConnectionView = z.infer<typeof ConnectionView>;
