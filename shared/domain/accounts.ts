import { z } from 'zod';

/** An Entra ID tenant id or a subscription id: a GUID. */
export const Guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');

/** msal's home account id: `<object id>.<home tenant id>`. Opaque to the renderer. */
export const AccountId = z.string().min(3).max(200);
export type AccountId = z.infer<typeof AccountId>;

/**
 * `ready`: tokens for this tenant can be had silently.
 * `needs-sign-in`: MFA, Conditional Access or consent demands an interactive sign-in for this
 * tenant alone. `error`: something else failed; `error` says what.
 */
export const TenantStatus = z.enum(['ready', 'needs-sign-in', 'error']);
export type TenantStatus = z.infer<typeof TenantStatus>;

export const TenantProblem = z.object({
  /** The AADSTS or ARM error code, kept verbatim so admins can look it up. */
  code: z.string(),
  message: z.string(),
});
export type TenantProblem = z.infer<typeof TenantProblem>;

export const TenantView = z.object({
  tenantId: Guid,
  displayName: z.string(),
  defaultDomain: z.string().nullable(),
  isHomeTenant: z.boolean(),
  status: TenantStatus,
  problem: TenantProblem.nullable(),
});
export type TenantView = z.infer<typeof TenantView>;

export const AccountView = z.object({
  accountId: AccountId,
  username: z.string(),
  name: z.string().nullable(),
  homeTenantId: Guid,
  tenants: z.array(TenantView),
});
export type AccountView = z.infer<typeof AccountView>;

export const SignInMethod = z.enum(['browser', 'device-code']);
export type SignInMethod = z.infer<typeof SignInMethod>;

/** What the user needs to finish a device-code sign-in on another device or browser. */
export const DeviceCodePrompt = z.object({
  signInId: z.string(),
  userCode: z.string(),
  verificationUri: z.string().url(),
  message: z.string(),
  expiresAt: z.string(),
});
export type DeviceCodePrompt = z.infer<typeof DeviceCodePrompt>;
