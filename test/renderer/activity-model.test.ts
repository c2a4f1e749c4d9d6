import { describe, expect, it } from 'vitest';
import {
  ANY_ACTIVITY,
  activityChoices,
  changeFilter,
  dateRangeProblem,
  historyCountText,
  isFiltering,
  parseDay,
  receiveIntoHistory,
  toActivityFilter,
} from '../../renderer/src/activity/activity-model';
import type { LocalMidnight } from '../../renderer/src/activity/activity-model';
import { PRODUCTION, RESEARCH, workspace } from './inventory-fixtures';
import { operation } from './operations-fixtures';

const CONTOSO = 'bd79c068-555e-57b3-b248-2d47f661607e';
const FABRIKAM = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const FAB_SUB = '9b2f0c6e-5d1a-4e3b-8c7d-6f5e4d3c2b1a';

/** Midnight in a zone two hours ahead of UTC (Helsinki in winter). */
const helsinki: LocalMidnight = (year, month, day) =>
  new Date(Date.UTC(year, month - 1, day) - 2 * 60 * 60 * 1000);

const train = workspace('mlw-train');
const research = workspace('mlw-research', { subscriptionId: RESEARCH });
const fab = workspace('mlw-fab', { subscriptionId: FAB_SUB, tenantId: FABRIKAM });

const subscriptions = [
  {
    subscriptionId: PRODUCTION,
    displayName: 'Contoso ML Production',
    tenantId: CONTOSO,
    tenantName: 'Contoso',
  },
  {
    subscriptionId: RESEARCH,
    displayName: 'Contoso Research',
    tenantId: CONTOSO,
    tenantName: 'Contoso',
  },
  {
    subscriptionId: FAB_SUB,
    displayName: 'Fabrikam Lab',
    tenantId: FABRIKAM,
    tenantName: 'Fabrikam',
  },
];

describe('the activity filter sent to the journal', () => {
  it('is empty when nothing is chosen', () => {
    expect(toActivityFilter(ANY_ACTIVITY)).toEqual({});
    expect(isFiltering(ANY_ACTIVITY)).toBe(false);
  });

  it('carries each chosen tenant, subscription, workspace, kind and status', () => {
    expect(
      toActivityFilter({
        ...ANY_ACTIVITY,
        tenantId: CONTOSO,
        subscriptionId: PRODUCTION,
        workspaceId: train.id,
        kind: 'detach',
        status: 'failed',
      }),
    ).toEqual({
      tenantIds: [CONTOSO],
      subscriptionIds: [PRODUCTION],
      workspaceIds: [train.id],
      kinds: ['detach'],
      statuses: ['failed'],
    });
  });

  it('turns the days into instants of the user’s time zone, the last day included whole', () => {
    expect(
      toActivityFilter({ ...ANY_ACTIVITY, from: '2026-11-01', to: '2026-11-30' }, helsinki),
    ).toEqual({
      createdFrom: '2026-10-31T22:00:00.000Z',
      createdBefore: '2026-11-30T22:00:00.000Z',
    });
  });

  it('rolls the day after the last one over a month and a year end', () => {
    expect(toActivityFilter({ ...ANY_ACTIVITY, to: '2026-12-31' }, helsinki)).toEqual({
      createdBefore: '2026-12-31T22:00:00.000Z',
    });
  });

  it('ignores a date that is empty or impossible', () => {
    expect(toActivityFilter({ ...ANY_ACTIVITY, from: '2026-02-30', to: '' })).toEqual({});
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('30/11/2026')).toBeNull();
    expect(parseDay('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(isFiltering({ ...ANY_ACTIVITY, from: 'nonsense' })).toBe(false);
    expect(isFiltering({ ...ANY_ACTIVITY, to: '2026-11-30' })).toBe(true);
  });

  it('says when the range is upside down', () => {
    expect(dateRangeProblem({ from: '2026-11-30', to: '2026-11-01' })).toMatch(
      /“to” date is before the “from” date/,
    );
    expect(dateRangeProblem({ from: '2026-11-30', to: '2026-11-30' })).toBeNull();
    expect(dateRangeProblem({ from: '', to: '2026-11-01' })).toBeNull();
  });
});

describe('what the activity filters offer', () => {
  const operations = [
    operation(train, 'gpu'),
    operation(research, 'cpu'),
    operation(fab, 'fab-a', { tenantId: FABRIKAM }),
    // A tenant and subscription the user no longer has: still offered, by id.
    operation(
      workspace('mlw-old', { subscriptionId: '11111111-2222-4333-8444-555555555555' }),
      'x',
      {
        tenantId: '99999999-8888-4777-8666-555555555555',
      },
    ),
  ];

  it('lists every tenant and subscription by name, and those only the journal knows by id', () => {
    const choices = activityChoices({ subscriptions, operations }, ANY_ACTIVITY);
    expect(choices.tenants.map((t) => t.label)).toEqual([
      '99999999-8888-4777-8666-555555555555',
      'Contoso',
      'Fabrikam',
    ]);
    expect(choices.subscriptions.map((s) => s.label)).toEqual([
      '11111111-2222-4333-8444-555555555555',
      'Contoso ML Production',
      'Contoso Research',
      'Fabrikam Lab',
    ]);
    expect(choices.workspaces.map((w) => w.label)).toEqual([
      'mlw-fab (Fabrikam Lab)',
      'mlw-old (11111111-2222-4333-8444-555555555555)',
      'mlw-research (Contoso Research)',
      'mlw-train (Contoso ML Production)',
    ]);
  });

  it('narrows subscriptions and workspaces to the chosen tenant and subscription', () => {
    const byTenant = activityChoices(
      { subscriptions, operations },
      { ...ANY_ACTIVITY, tenantId: FABRIKAM },
    );
    expect(byTenant.subscriptions.map((s) => s.label)).toEqual(['Fabrikam Lab']);
    expect(byTenant.workspaces.map((w) => w.label)).toEqual(['mlw-fab (Fabrikam Lab)']);
    const bySubscription = activityChoices(
      { subscriptions, operations },
      { ...ANY_ACTIVITY, subscriptionId: RESEARCH },
    );
    expect(bySubscription.workspaces.map((w) => w.label)).toEqual([
      'mlw-research (Contoso Research)',
    ]);
  });

  it('clears a subscription and workspace of another tenant when a tenant is chosen', () => {
    const choices = activityChoices({ subscriptions, operations }, ANY_ACTIVITY);
    const chosen = {
      ...ANY_ACTIVITY,
      subscriptionId: PRODUCTION,
      workspaceId: train.id.toLowerCase(),
    };
    expect(changeFilter(chosen, { tenantId: FABRIKAM }, choices)).toMatchObject({
      tenantId: FABRIKAM,
      subscriptionId: null,
      workspaceId: null,
    });
    expect(changeFilter(chosen, { tenantId: CONTOSO }, choices)).toMatchObject({
      subscriptionId: PRODUCTION,
      workspaceId: train.id.toLowerCase(),
    });
    expect(changeFilter(chosen, { subscriptionId: RESEARCH }, choices).workspaceId).toBeNull();
  });
});

describe('the history while operations change', () => {
  const running = operation(train, 'gpu', { operationId: 'op-live', status: 'running' });
  const history = { operations: [running], truncated: false, limit: 5000 };

  it('adds a new operation that passes the filter, and leaves out one that does not', () => {
    const fabOp = operation(fab, 'fab-a', { tenantId: FABRIKAM, operationId: 'op-fab' });
    const contosoOnly = { tenantIds: [CONTOSO] };
    expect(
      receiveIntoHistory(history, fabOp, contosoOnly).operations.map((o) => o.operationId),
    ).toEqual(['op-live']);
    expect(receiveIntoHistory(history, fabOp, {}).operations).toHaveLength(2);
  });

  it('drops an operation whose status moved past the one chosen', () => {
    const ended = {
      ...running,
      status: 'succeeded' as const,
      pollCount: 3,
      endedAt: '2026-11-25T10:05:00.000Z',
    };
    expect(receiveIntoHistory(history, ended, { statuses: ['running'] }).operations).toEqual([]);
    expect(receiveIntoHistory(history, ended, {}).operations[0]?.status).toBe('succeeded');
  });
});

describe('the count line', () => {
  it('counts what is shown, and says when the journal held more than the page shows', () => {
    const one = { operations: [operation(train, 'gpu')], truncated: false, limit: 5000 };
    expect(historyCountText(one, false)).toBe('1 operation');
    expect(historyCountText(one, true)).toBe('1 operation matches the filter');
    expect(historyCountText({ ...one, truncated: true }, false)).toBe(
      'Showing the newest 5,000 operations; more are in the journal. Narrow the filter (a date range, a tenant) to see older ones.',
    );
  });
});
