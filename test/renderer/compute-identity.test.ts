// The compute page's identity facts, in plain Node.
import { describe, expect, it } from 'vitest';
import {
  currentIdentityChoice,
  principalChangeText,
  sameIdentityChoice,
  systemAssignedDirectoryName,
} from '../../renderer/src/compute/compute-identity';
import type { ComputeDetail } from '../../shared/domain/operations';
import { compute, workspace } from './inventory-fixtures';
import { identity } from './operations-fixtures';

const fraud = workspace('ws-fraud');
const uami = identity('id-fraud');
const detailOf = (type: string, overrides: Partial<ComputeDetail['identity']> = {}) => ({
  compute: compute(fraud, 'k8s-a'),
  identity: {
    type,
    principalId: null,
    clientId: null,
    tenantId: null,
    userAssignedIdentityId: null,
    directoryName: null,
    ...overrides,
  },
});

describe('a compute’s identity on its page', () => {
  it('names a system-assigned identity as Entra ID does, and prefers Azure’s own name', () => {
    expect(systemAssignedDirectoryName(detailOf('SystemAssigned'))).toBe('ws-fraud/computes/k8s-a');
    expect(
      systemAssignedDirectoryName(
        detailOf('SystemAssigned', { directoryName: 'ws-fraud/computes/K8S-A' }),
      ),
    ).toBe('ws-fraud/computes/K8S-A');
    expect(systemAssignedDirectoryName(detailOf('UserAssigned'))).toBeNull();
  });

  it('reads the current choice, and leaves what Mooring cannot set alone', () => {
    expect(currentIdentityChoice(detailOf('None'))).toEqual({ type: 'None' });
    expect(
      currentIdentityChoice(detailOf('UserAssigned', { userAssignedIdentityId: uami.id })),
    ).toEqual({
      type: 'UserAssigned',
      identityId: uami.id,
    });
    expect(currentIdentityChoice(detailOf('SystemAssigned,UserAssigned'))).toBeNull();
  });

  it('tells a different user-assigned identity from the same one, whatever the case of its id', () => {
    const same = { type: 'UserAssigned' as const, identityId: uami.id };
    expect(sameIdentityChoice(same, { ...same, identityId: uami.id.toUpperCase() })).toBe(true);
    expect(sameIdentityChoice(same, { type: 'UserAssigned', identityId: `${uami.id}-2` })).toBe(
      false,
    );
    expect(sameIdentityChoice({ type: 'None' }, { type: 'SystemAssigned' })).toBe(false);
  });

  it('says what happens to the principal for the identity chosen', () => {
    const system = { type: 'SystemAssigned' as const };
    expect(principalChangeText(system, { type: 'None' })).toMatch(/deleted .* no principal at all/);
    expect(principalChangeText({ type: 'None' }, system)).toMatch(/new system-assigned principal/);
    expect(principalChangeText(system, { type: 'UserAssigned', identityId: uami.id })).toMatch(
      /deleted .* user-assigned identity/,
    );
  });
});
