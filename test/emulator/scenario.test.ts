import { describe, expect, it } from 'vitest';
import { loadScenarioFile, parseScenario, ScenarioError } from './scenario/load';
import { World } from './world/world';
import { demoScenarioPath } from './testing';

const tenant = '11111111-1111-1111-1111-111111111111';
const minimal = {
  tenants: [{ id: tenant, displayName: 'Contoso', defaultDomain: 'contoso.onmicrosoft.com' }],
};

function problemsOf(input: unknown): string[] {
  try {
    const scenario = parseScenario(input, 'test');
    new World(scenario, scenario.settings);
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
  return [];
}

describe('scenario files', () => {
  it('loads the demo scenario with its promised size', async () => {
    const demo = await loadScenarioFile(demoScenarioPath);
    expect(demo.tenants).toHaveLength(3);
    expect(demo.subscriptions).toHaveLength(6);
    expect(demo.workspaces).toHaveLength(8);
    expect(demo.clusters).toHaveLength(10);
    expect(demo.identities).toHaveLength(4);
    expect(new Set(demo.computes.map((c) => c.provisioningState))).toEqual(
      new Set(['Succeeded', 'Failed', 'Creating', 'Updating', 'Deleting']),
    );
    expect(demo.clusters.some((c) => c.azureMlExtension === null)).toBe(true);
    expect(() => new World(demo, demo.settings)).not.toThrow();
  });

  it('applies defaults to a minimal scenario', () => {
    const scenario = parseScenario(minimal);
    expect(scenario.settings.pageSize).toBe(100);
    expect(scenario.tenants[0]?.requiresInteractiveSignIn).toBe(false);
  });

  it('names the bad field of an invalid value', () => {
    expect(
      problemsOf({ tenants: [{ id: 'not-a-guid', displayName: 'X', defaultDomain: 'x.com' }] }),
    ).toEqual([expect.stringMatching(/^tenants\[0\]\.id: must be a GUID/)]);
  });

  it('names an unknown field', () => {
    expect(problemsOf({ ...minimal, subscriptons: [] })[0]).toMatch(/subscriptons/);
  });

  it('names a reference to something the scenario lacks', () => {
    const problems = problemsOf({
      ...minimal,
      subscriptions: [
        {
          id: '22222222-2222-2222-2222-222222222222',
          tenantId: '33333333-3333-3333-3333-333333333333',
          displayName: 'S',
        },
      ],
    });
    expect(problems).toEqual([
      "subscriptions[0].tenantId: tenant '33333333-3333-3333-3333-333333333333' is not in tenants",
    ]);
  });

  it('names an unknown role or principal of a role assignment', () => {
    const sub = '22222222-2222-2222-2222-222222222222';
    const problems = problemsOf({
      ...minimal,
      subscriptions: [{ id: sub, tenantId: tenant, displayName: 'S' }],
      roleAssignments: [
        { scope: `/subscriptions/${sub}`, principal: 'nobody@contoso.com', role: 'Wizard' },
      ],
    });
    expect(problems).toEqual([
      expect.stringMatching(/^roleAssignments\[0\]\.role: 'Wizard'/),
      expect.stringMatching(/^roleAssignments\[0\]\.principal: 'nobody@contoso.com'/),
    ]);
  });
});

describe('generated scenarios', () => {
  it('are valid by construction at any size', async () => {
    const { generateScenario } = await import('./scenario/generate');
    const generated = generateScenario({
      tenants: 2,
      subscriptionsPerTenant: 3,
      workspacesPerSubscription: 2,
      computesPerWorkspace: 4,
      clustersPerSubscription: 3,
      identitiesPerSubscription: 1,
    });
    expect(problemsOf(generated)).toEqual([]);
    expect(generated.computes).toHaveLength(2 * 3 * 2 * 4);
  });
});
