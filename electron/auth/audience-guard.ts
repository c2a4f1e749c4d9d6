import type { AccountsRepository } from './accounts-repository';
import type { MsalClient } from './msal-clients';
import { SignInProblem } from './sign-in-problems';

const hostOf = (url: string): string | undefined => {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
};

/**
 * Refuses a cloud whose token audience is the Resource Manager of another cloud the user signed
 * in to. Such a cloud would have the user sign in (perhaps at that other cloud's familiar sign-in
 * page) for tokens the other Resource Manager accepts, and send them to its own host. Microsoft's
 * audiences are refused earlier, when the cloud's description is read (electron/azure/clouds.ts).
 */
export function refuseAudienceOfAnotherCloud(
  client: MsalClient,
  repository: AccountsRepository,
): void {
  const audienceHost = hostOf(client.runtime.cloud.armScope.replace(/\/\.default$/, ''));
  const ownHost = hostOf(client.runtime.cloud.resourceManager);
  if (!audienceHost || audienceHost === ownHost) return;
  const claimed = repository
    .accounts()
    .some((record) => record.cloud !== client.cloud && record.cloud.split('/')[0] === audienceHost);
  if (claimed) {
    throw new SignInProblem({
      code: 'audience_of_another_cloud',
      message: `This cloud asks for tokens meant for the Resource Manager of another cloud you use (${audienceHost}), so Mooring will not sign in to it or send it tokens; check the cloud in Settings > Connection to Azure.`,
    });
  }
}
