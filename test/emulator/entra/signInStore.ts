import { randomBytes } from 'node:crypto';
import { randomToken } from '../core/ids';

/** A browser sign-in waiting for the user to pick an account (GET /authorize seen, no code issued yet). */
export interface PendingAuthorization {
  id: string;
  tenantSegment: string;
  clientId: string;
  redirectUri: string;
  responseMode: 'form_post' | 'query';
  scope: string;
  state: string | undefined;
  nonce: string | undefined;
  codeChallenge: string;
  loginHint: string | undefined;
  createdAt: number;
}

export interface AuthorizationCode {
  code: string;
  username: string;
  tenantId: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: string;
  nonce: string | undefined;
  expiresAt: number;
}

export interface DeviceCodeRecord {
  deviceCode: string;
  userCode: string;
  tenantSegment: string;
  clientId: string;
  scope: string;
  expiresAt: number;
  approvedBy?: { username: string; tenantId: string };
}

export interface RefreshTokenRecord {
  token: string;
  username: string;
  clientId: string;
  expiresAt: number;
  revoked: boolean;
  /** Tenants this sign-in session has satisfied MFA / Conditional Access for (by an interactive sign-in there). */
  interactiveTenants: Set<string>;
}

const tenMinutes = 10 * 60_000;
const userCodeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Short-lived sign-in state of the emulated Entra ID: pending authorize requests, codes, device codes, refresh tokens. */
export class SignInStore {
  readonly pending = new Map<string, PendingAuthorization>();
  readonly codes = new Map<string, AuthorizationCode>();
  readonly deviceCodes = new Map<string, DeviceCodeRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();

  addPending(request: Omit<PendingAuthorization, 'id'>): PendingAuthorization {
    const pending = { ...request, id: randomToken(18) };
    this.pending.set(pending.id, pending);
    return pending;
  }

  /** One pending authorize per request id; taking it prevents a second completion. */
  takePending(id: string, now: number): PendingAuthorization | undefined {
    const pending = this.pending.get(id);
    this.pending.delete(id);
    return pending && now - pending.createdAt < tenMinutes ? pending : undefined;
  }

  issueCode(
    details: Omit<AuthorizationCode, 'code' | 'expiresAt'>,
    now: number,
  ): AuthorizationCode {
    const code = { ...details, code: `1.${randomToken(48)}`, expiresAt: now + tenMinutes };
    this.codes.set(code.code, code);
    return code;
  }

  /** Codes are single use, as in Entra ID. */
  redeemCode(code: string, now: number): AuthorizationCode | undefined {
    const record = this.codes.get(code);
    this.codes.delete(code);
    return record && record.expiresAt > now ? record : undefined;
  }

  addDeviceCode(details: Omit<DeviceCodeRecord, 'deviceCode' | 'userCode'>): DeviceCodeRecord {
    const bytes = randomBytes(9);
    const userCode = [...bytes].map((b) => userCodeAlphabet[b % userCodeAlphabet.length]).join('');
    const record = { ...details, deviceCode: randomToken(48), userCode };
    this.deviceCodes.set(record.deviceCode, record);
    return record;
  }

  findDeviceCodeByUserCode(userCode: string): DeviceCodeRecord | undefined {
    const key = userCode.replace(/[\s-]/g, '').toUpperCase();
    return [...this.deviceCodes.values()].find((d) => d.userCode === key);
  }

  issueRefreshToken(
    username: string,
    clientId: string,
    lifetimeMs: number,
    interactiveTenants: Iterable<string>,
    now: number,
  ): RefreshTokenRecord {
    const record: RefreshTokenRecord = {
      token: `1.${randomToken(96)}`,
      username: username.toLowerCase(),
      clientId,
      expiresAt: now + lifetimeMs,
      revoked: false,
      interactiveTenants: new Set(interactiveTenants),
    };
    this.refreshTokens.set(record.token, record);
    return record;
  }

  /** Revokes every refresh token of the account (as a password reset or an admin's "revoke sessions" does). Returns how many. */
  revokeRefreshTokens(username: string): number {
    return this.forAccount(username, (r) => (r.revoked = true));
  }

  /** Makes every refresh token of the account expired. Returns how many. */
  expireRefreshTokens(username: string, now: number): number {
    return this.forAccount(username, (r) => (r.expiresAt = now - 1));
  }

  private forAccount(username: string, change: (record: RefreshTokenRecord) => void): number {
    let count = 0;
    for (const record of this.refreshTokens.values()) {
      if (record.username === username.toLowerCase()) {
        change(record);
        count++;
      }
    }
    return count;
  }
}
