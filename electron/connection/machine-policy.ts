import type { Logger } from '../logging/logger';
import { policyFilePath, windowsProgramData, type WindowsSystem } from './policy-location';
import { posixPolicyGuard, windowsPolicyGuard, type PolicyFileGuard } from './policy-permissions';
import { nodeWindowsSystem, readFileAcl } from './windows-system';

/**
 * The machine's policy file and the check that only administrators can change it, for the
 * platform Mooring runs on. Nothing is taken from the environment (see WindowsSystem).
 */
export function machinePolicy(
  platform: NodeJS.Platform,
  logger: Logger,
  windows: WindowsSystem = nodeWindowsSystem,
): { file: string; guard: PolicyFileGuard } {
  if (platform !== 'win32') {
    return { file: policyFilePath(platform), guard: posixPolicyGuard(platform) };
  }
  const programData = windowsProgramData(windows);
  if (programData.problem !== null) {
    logger.warn(
      `Looking for the policy file under ${programData.folder}: Windows did not say where ProgramData is (${programData.problem})`,
    );
  }
  return {
    file: policyFilePath('win32', programData.folder),
    guard: windowsPolicyGuard((file) => readFileAcl(windows, file)),
  };
}
