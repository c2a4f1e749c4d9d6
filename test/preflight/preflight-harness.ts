import type { CommonClientOptions } from '@azure/core-client';
import { composePreflight } from '../../electron/app/compose-preflight';
import type { Logger } from '../../electron/logging/logger';
import {
  AttachRequest,
  type AttachRequestInput,
  type PreflightFinding,
  type PreflightReport,
} from '../../shared/domain/operations';
import type { RunningEmulator } from '../emulator/emulator';
import { emulatorRuntime } from '../support/emulator-runtime';
import {
  signIn,
  silentCredential,
  type SignedInAccount,
} from '../subscriptions/emulator-directory';
import { OTHER_SUB, SUB, T } from './preflight-scenario';

export const quietLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** Runs the preflight as a scenario account, through the app's own composition. */
export class PreflightHarness {
  private readonly accounts = new Map<string, Promise<SignedInAccount>>();
  /** Subscriptions no signed-in account sees (the picker never listed them). */
  unseen = new Set<string>();
  retryOptions: CommonClientOptions['retryOptions'] | undefined;

  constructor(private readonly emu: RunningEmulator) {}

  private account(username: string): Promise<SignedInAccount> {
    let account = this.accounts.get(username);
    if (!account) {
      account = signIn(this.emu, username);
      this.accounts.set(username, account);
    }
    return account;
  }

  async check(username: string, request: AttachRequestInput): Promise<PreflightReport> {
    const account = await this.account(username);
    const preflight = composePreflight({
      credentialFor: (_accountId, tenantId) => silentCredential(this.emu, account, tenantId),
      runtime: () =>
        Promise.resolve(
          emulatorRuntime(this.emu, this.retryOptions ? { retryOptions: this.retryOptions } : {}),
        ),
      subscriptions: () =>
        [SUB, OTHER_SUB]
          .filter((id) => !this.unseen.has(id))
          .map((subscriptionId) => ({
            subscriptionId,
            accountId: account.account.homeAccountId,
            tenantId: T,
          })),
      logger: quietLogger,
    });
    return preflight.check(AttachRequest.parse(request));
  }
}

/** The finding of one check; fails the test with the whole report when it is absent. */
export function findingOf(
  report: PreflightReport,
  check: PreflightFinding['check'],
): PreflightFinding {
  const found = report.findings.find((f) => f.check === check);
  if (!found) throw new Error(`no ${check} finding in ${JSON.stringify(report, null, 2)}`);
  return found;
}
