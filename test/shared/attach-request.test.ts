import { describe, expect, it } from 'vitest';
import { AttachRequest } from '../../shared/domain/operations';

const SUB = '00000000-0000-0000-0000-0000000000aa';
const base = {
  workspaceId: `/subscriptions/${SUB}/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws`,
  clusterId: `/subscriptions/${SUB}/resourceGroups/k8s/providers/Microsoft.ContainerService/managedClusters/aks`,
  computeName: 'k8s-a',
  identity: { type: 'SystemAssigned' },
};

describe('an attach request is checked at the boundary by the shared rules', () => {
  it('fills the default namespace and description', () => {
    expect(AttachRequest.parse(base)).toMatchObject({ namespace: 'default', description: '' });
  });

  it('refuses a bad compute name with the form sentence', () => {
    const result = AttachRequest.safeParse({ ...base, computeName: '1bad' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain(
      'A compute name starts with a letter.',
    );
  });

  it('refuses a namespace that is not a DNS label', () => {
    expect(AttachRequest.safeParse({ ...base, namespace: 'Team_A' }).success).toBe(false);
  });

  it('refuses a hostile cluster id and a user-assigned identity given as a path trick', () => {
    expect(
      AttachRequest.safeParse({ ...base, clusterId: `${base.clusterId}/../../x` }).success,
    ).toBe(false);
    expect(
      AttachRequest.safeParse({
        ...base,
        identity: {
          type: 'UserAssigned',
          identityId: `/subscriptions/${SUB}/resourceGroups/rg%2F..`,
        },
      }).success,
    ).toBe(false);
  });

  it('refuses unknown keys and a second identity', () => {
    expect(AttachRequest.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(
      AttachRequest.safeParse({ ...base, identity: { type: 'SystemAssigned', identityId: 'x' } })
        .success,
    ).toBe(false);
  });
});
