import { describe, expect, it } from 'vitest';
import { actionMatches, permits } from '../../electron/preflight/permissions';
import { actionMatches as emulatorActionMatches } from '../emulator/arm/roleDefinitions';

const ASSIGN = 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action';
const WRITE = 'Microsoft.MachineLearningServices/workspaces/computes/write';

describe('ARM action wildcards', () => {
  it.each([
    ['*', WRITE, true],
    ['Microsoft.MachineLearningServices/*', WRITE, true],
    ['microsoft.machinelearningservices/workspaces/computes/WRITE', WRITE, true],
    ['Microsoft.MachineLearningServices/workspaces/*/read', WRITE, false],
    ['Microsoft.MachineLearningServices/workspaces/computes/read', WRITE, false],
    ['Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action', ASSIGN, true],
    ['Microsoft.ManagedIdentity/userAssignedIdentities/*/read', ASSIGN, false],
    ['Microsoft.ManagedIdentity/*', ASSIGN, true],
    ['Microsoft.Managed.Identity/*', ASSIGN, false],
  ])('%s matches %s: %s', (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
    // The emulator grants what Azure grants.
    expect(emulatorActionMatches(pattern, action)).toBe(expected);
  });

  it('lets notActions of the same entry take an action back, not those of another entry', () => {
    const contributor = {
      actions: ['*'],
      notActions: ['Microsoft.MachineLearningServices/*/write'],
    };
    expect(permits([contributor], WRITE)).toBe(false);
    expect(permits([contributor, { actions: [WRITE], notActions: [] }], WRITE)).toBe(true);
    expect(permits([], WRITE)).toBe(false);
  });
});
