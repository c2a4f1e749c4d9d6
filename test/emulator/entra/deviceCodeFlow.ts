import type { EmulatorContext } from '../core/context';
import { formOf, type EmulatorRequest } from '../core/request';
import { html, json, type Reply } from '../core/reply';
import { oauthError } from './oauthErrors';
import { deviceLoginPage, messagePage } from './pages';
import { resolveTenant, tenantForAccount } from './tenants';

/** The device code flow's user side: the device code endpoint, approval, and the code entry page. */

export function deviceCode(ctx: EmulatorContext, request: EmulatorRequest, segment: string): Reply {
  const form = formOf(request);
  const clientId = form.get('client_id');
  if (!clientId)
    return oauthError(
      400,
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'client_id'.",
    );
  const lifetimeSeconds = 900;
  const record = ctx.signIns.addDeviceCode({
    tenantSegment: segment,
    clientId,
    scope: form.get('scope') ?? 'openid profile offline_access',
    expiresAt: request.receivedAt + lifetimeSeconds * 1000,
  });
  const verificationUri = `${ctx.baseUrl}/devicelogin`;
  return json(200, {
    user_code: record.userCode,
    device_code: record.deviceCode,
    verification_uri: verificationUri,
    expires_in: lifetimeSeconds,
    interval: ctx.world.settings.deviceCodeIntervalSeconds,
    message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${record.userCode} to authenticate.`,
  });
}

/** Approves a pending device code as `username` (what the user does on the device login page). Returns an error message on failure. */
export function approveDeviceCode(
  ctx: EmulatorContext,
  userCode: string,
  username: string,
): string | undefined {
  const record = ctx.signIns.findDeviceCodeByUserCode(userCode);
  if (!record) return `No pending device code '${userCode}'.`;
  const account = ctx.world.directory.findAccount(username);
  if (!account) return `No account '${username}' in the scenario.`;
  const target = resolveTenant(ctx, record.tenantSegment);
  if (!target) return `Tenant '${record.tenantSegment}' not found.`;
  const tenant = tenantForAccount(target, account);
  if ('error' in tenant)
    return `Account '${username}' is not a member of tenant '${record.tenantSegment}'.`;
  record.approvedBy = { username: account.username, tenantId: tenant.tenantId };
  return undefined;
}

export function deviceLogin(ctx: EmulatorContext, request: EmulatorRequest): Reply {
  const accounts = [...ctx.world.directory.accounts.values()].map((a) => ({
    username: a.username,
    name: a.name,
  }));
  if (request.method !== 'POST') return html(200, deviceLoginPage('/devicelogin', accounts));
  const form = formOf(request);
  const problem = approveDeviceCode(ctx, form.get('user_code') ?? '', form.get('username') ?? '');
  if (problem) return html(400, deviceLoginPage('/devicelogin', accounts, problem));
  return html(
    200,
    messagePage(
      'You are signed in',
      'You have signed in to the application on your device. You may now close this window.',
    ),
  );
}
