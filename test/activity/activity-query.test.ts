import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActivityQuery } from '../../electron/activity/activity-query';
import { matchesActivityFilter } from '../../shared/activity/activity-filter';
import type { ActivityFilter } from '../../shared/domain/activity';
import {
  SUB_PROD,
  SUB_RESEARCH,
  TENANT_CONTOSO,
  TENANT_FABRIKAM,
  openJournal,
  workspaceIdOf,
} from '../export/journal-fixture';

let fixture: ReturnType<typeof openJournal>;

beforeEach(() => {
  fixture = openJournal();
  const { record } = fixture;
  record({ id: 'a1', createdAt: '2026-11-01T08:00:00.000Z', outcome: 'succeeded' });
  record({
    id: 'a2',
    kind: 'detach',
    createdAt: '2026-11-02T08:00:00.000Z',
    outcome: { failed: ['AuthorizationFailed'] },
  });
  record({
    id: 'a3',
    kind: 'update-identity',
    subscriptionId: SUB_RESEARCH,
    workspace: 'mlw-research',
    createdAt: '2026-11-03T23:59:59.999Z',
  });
  record({
    id: 'b1',
    tenantId: TENANT_FABRIKAM,
    subscriptionId: '9b2f0c6e-5d1a-4e3b-8c7d-6f5e4d3c2b1a',
    workspace: 'mlw-fab',
    createdAt: '2026-11-04T00:00:00.000Z',
    outcome: 'succeeded',
  });
});
afterEach(() => fixture.close());

const ids = (filter: ActivityFilter, limit?: number) =>
  createActivityQuery(fixture.db)
    .history(filter, limit)
    .operations.map((operation) => operation.operationId);

describe('the activity log over the whole journal', () => {
  it('answers every entry, newest first, with nothing filtered', () => {
    expect(ids({})).toEqual(['b1', 'a3', 'a2', 'a1']);
  });

  it('filters by tenant and by subscription, whatever the case of the id', () => {
    expect(ids({ tenantIds: [TENANT_FABRIKAM.toUpperCase()] })).toEqual(['b1']);
    expect(ids({ subscriptionIds: [SUB_RESEARCH.toUpperCase()] })).toEqual(['a3']);
    expect(ids({ tenantIds: [TENANT_CONTOSO], subscriptionIds: [SUB_PROD] })).toEqual(['a2', 'a1']);
  });

  it('filters by workspace, comparing ARM ids without case', () => {
    const id = workspaceIdOf(SUB_RESEARCH, 'mlw-research').replace('RG-ML', 'rg-ml');
    expect(ids({ workspaceIds: [id] })).toEqual(['a3']);
  });

  it('filters by kind and by status, any of several', () => {
    expect(ids({ kinds: ['detach', 'update-identity'] })).toEqual(['a3', 'a2']);
    expect(ids({ statuses: ['failed'] })).toEqual(['a2']);
    expect(ids({ statuses: ['pending', 'running'] })).toEqual(['a3']);
  });

  it('filters by when the entry was recorded: from included, before excluded', () => {
    expect(
      ids({ createdFrom: '2026-11-02T08:00:00.000Z', createdBefore: '2026-11-04T00:00:00.000Z' }),
    ).toEqual(['a3', 'a2']);
    // Another offset names the same instant.
    expect(ids({ createdFrom: '2026-11-04T01:00:00+01:00' })).toEqual(['b1']);
  });

  it('answers only the newest entries past the limit, and says it did', () => {
    const query = createActivityQuery(fixture.db);
    expect(query.history({}, 2)).toMatchObject({ truncated: true, limit: 2 });
    expect(ids({}, 2)).toEqual(['b1', 'a3']);
    expect(query.history({}, 4).truncated).toBe(false);
    expect(query.everything({}).length).toBe(4);
  });

  it('agrees with the filter the page applies to entries that arrive later', () => {
    const filters: ActivityFilter[] = [
      {},
      { tenantIds: [TENANT_FABRIKAM] },
      { subscriptionIds: [SUB_PROD.toUpperCase()] },
      { kinds: ['attach'], statuses: ['succeeded'] },
      { createdFrom: '2026-11-02T08:00:00.000Z', createdBefore: '2026-11-03T23:59:59.999Z' },
      { workspaceIds: [workspaceIdOf(SUB_PROD, 'mlw-train').toLowerCase()] },
    ];
    const all = createActivityQuery(fixture.db).everything({});
    for (const filter of filters) {
      expect(
        all.filter((op) => matchesActivityFilter(op, filter)).map((op) => op.operationId),
      ).toEqual(ids(filter));
    }
  });

  it('leaves the journal as it was', () => {
    const before = fixture.db.prepare('SELECT count(*) AS n FROM operations').get();
    createActivityQuery(fixture.db).history({ statuses: ['failed'] });
    expect(fixture.db.prepare('SELECT count(*) AS n FROM operations').get()).toEqual(before);
  });
});
