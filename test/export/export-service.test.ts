import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActivityQuery } from '../../electron/activity/activity-query';
import { createExportService, exportFileName } from '../../electron/export/export-service';
import type { SaveChoice, SaveFileChooser } from '../../electron/export/save-file-chooser';
import { readOperationDetail } from '../../electron/operations/operation-detail';
import { compute, snapshotOf, workspace, RESEARCH } from '../renderer/inventory-fixtures';
import { SUB_PROD, TENANT_CONTOSO, openJournal } from './journal-fixture';

/** A chooser that answers as told and keeps every suggestion it was shown. */
function standInChooser(answer: SaveChoice) {
  const asked: { fileName: string; format: string }[] = [];
  const chooser: SaveFileChooser = {
    choose: (suggestion) => {
      asked.push(suggestion);
      return Promise.resolve(answer);
    },
  };
  return { chooser, asked };
}

const train = workspace('mlw-train', { friendlyName: 'Training' });
const research = workspace('mlw-research', { subscriptionId: RESEARCH });
const inventory = snapshotOf(
  [train, research],
  [
    compute(train, 'gpu', { description: '=HYPERLINK("http://evil.example")' }),
    compute(train, 'cpu', {
      provisioningState: 'Failed',
      provisioningErrors: [{ code: 'ClusterUnreachable', message: 'No route, to "cluster".' }],
    }),
    compute(research, 'arc-a', {
      clusterId: `/subscriptions/${RESEARCH}/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/arc-a`,
    }),
  ],
);
const subscriptions = [
  {
    subscriptionId: SUB_PROD,
    displayName: 'Contoso ML Production',
    tenantId: TENANT_CONTOSO,
    tenantName: 'Contoso',
  },
  {
    subscriptionId: RESEARCH,
    displayName: 'Fabrikam Research',
    tenantId: TENANT_CONTOSO,
    tenantName: 'Contoso',
  },
];
const AT = new Date('2026-12-03T09:30:15.250Z');

let fixture: ReturnType<typeof openJournal>;
beforeEach(() => {
  fixture = openJournal();
  fixture.record({
    id: 'op-ok',
    createdAt: '2026-11-01T08:00:00.000Z',
    polls: 2,
    outcome: 'succeeded',
  });
  fixture.record({
    id: 'op-failed',
    compute: '+cmd',
    createdAt: '2026-11-02T08:00:00.000Z',
    polls: 1,
    outcome: { failed: ['AuthorizationFailed', 'LinkedAuthorizationFailed'] },
  });
});
afterEach(() => fixture.close());

/** The service over the fixture; files go to `written` unless `writeFile` replaces the disk. */
function service(
  answer: SaveChoice,
  writeFile?: Parameters<typeof createExportService>[0]['writeFile'],
) {
  const written = new Map<string, string>();
  const { chooser, asked } = standInChooser(answer);
  const exports = createExportService({
    inventory: () => inventory,
    subscriptions: () => subscriptions,
    activity: createActivityQuery(fixture.db),
    operationDetail: (id) => readOperationDetail(fixture.journal, id),
    chooser,
    writeFile:
      writeFile ??
      ((path, content) => {
        written.set(path, content);
        return Promise.resolve();
      }),
    now: () => AT,
  });
  return { exports, asked, written };
}

const csvLines = (content: string) => content.replace(/^\uFEFF/, '').split('\r\n');

describe('exporting the inventory', () => {
  it('writes the filtered computes as CSV where the user chose', async () => {
    const { exports, asked, written } = service({ kind: 'path', path: '/home/admin/inv.csv' });
    const outcome = await exports.save({
      kind: 'inventory',
      format: 'csv',
      filter: { query: 'train', state: 'all' },
    });
    expect(outcome).toEqual({ outcome: 'saved', path: '/home/admin/inv.csv', rows: 2 });
    expect(asked).toEqual([
      { fileName: 'mooring-inventory-2026-12-03T09-30-15Z.csv', format: 'csv' },
    ]);
    const content = written.get('/home/admin/inv.csv') ?? '';
    expect(content.startsWith('\uFEFFTenant,Tenant ID,Subscription,')).toBe(true);
    const lines = csvLines(content);
    expect(lines).toHaveLength(4); // header, two computes, and the empty string after the last CRLF
    expect(lines[3]).toBe('');
    expect(lines[1]).toContain(
      'Contoso,bd79c068-555e-57b3-b248-2d47f661607e,Contoso ML Production',
    );
    // cpu before gpu (by name); its error quoted with the inner quotes doubled.
    expect(lines[1]).toContain(',cpu,');
    expect(lines[1]).toContain('"ClusterUnreachable: No route, to ""cluster""."');
    expect(lines[1]).toContain(',AKS,');
    // The description that would be a formula is text.
    expect(lines[2]).toContain(`,"'=HYPERLINK(""http://evil.example"")",`);
    expect(lines[2]).toContain(',2026-11-25T10:00:00.000Z,');
  });

  it('applies the state filter as the page does', async () => {
    const { exports } = service({ kind: 'download' });
    const outcome = await exports.save({
      kind: 'inventory',
      format: 'json',
      filter: { query: '', state: 'failed' },
    });
    if (outcome.outcome !== 'download')
      throw new Error(`expected a download, got ${outcome.outcome}`);
    const parsed = JSON.parse(outcome.content) as {
      rows: { computeName: string; clusterKind: string }[];
    };
    expect(parsed.rows.map((row) => row.computeName)).toEqual(['cpu']);
  });

  it('hands the file back for a download where there is no disk to write to', async () => {
    const { exports, written } = service({ kind: 'download' });
    const outcome = await exports.save({
      kind: 'inventory',
      format: 'json',
      filter: { query: '', state: 'all' },
    });
    expect(written.size).toBe(0);
    expect(outcome).toMatchObject({
      outcome: 'download',
      fileName: 'mooring-inventory-2026-12-03T09-30-15Z.json',
      mimeType: 'application/json;charset=utf-8',
      rows: 3,
    });
    if (outcome.outcome !== 'download') return;
    const parsed = JSON.parse(outcome.content) as {
      exportedAt: string;
      rows: { computeName: string; clusterKind: string; subscriptionName: string }[];
    };
    expect(parsed.exportedAt).toBe('2026-12-03T09:30:15.250Z');
    expect(
      parsed.rows.map((row) => [row.subscriptionName, row.computeName, row.clusterKind]),
    ).toEqual([
      ['Contoso ML Production', 'cpu', 'AKS'],
      ['Contoso ML Production', 'gpu', 'AKS'],
      ['Fabrikam Research', 'arc-a', 'Arc'],
    ]);
  });

  it('writes nothing when the user cancels the save dialog', async () => {
    const { exports, written } = service({ kind: 'cancelled' });
    expect(
      await exports.save({ kind: 'inventory', format: 'csv', filter: { query: '', state: 'all' } }),
    ).toEqual({ outcome: 'cancelled' });
    expect(written.size).toBe(0);
  });

  it('says what to do when the file cannot be written', async () => {
    const { exports } = service({ kind: 'path', path: '/read-only/inv.csv' }, () =>
      Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' })),
    );
    await expect(
      exports.save({ kind: 'inventory', format: 'csv', filter: { query: '', state: 'all' } }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/could not write \/read-only\/inv\.csv\. Choose a folder/),
      details: { reason: 'EACCES' },
    });
  });
});

describe('exporting the activity log', () => {
  it('writes the filtered entries as CSV with their error codes and commands', async () => {
    const { exports } = service({ kind: 'download' });
    const outcome = await exports.save({
      kind: 'activity',
      format: 'csv',
      filter: { statuses: ['failed'] },
    });
    if (outcome.outcome !== 'download') throw new Error('expected a download');
    expect(outcome.mimeType).toBe('text/csv;charset=utf-8');
    expect(outcome.rows).toBe(1);
    const lines = csvLines(outcome.content);
    expect(lines[0]).toBe(
      'Operation ID,Kind,Status,Summary,Tenant,Tenant ID,Subscription,Subscription ID,Workspace,Workspace ID,Compute,Compute ID,Cluster ID,Created,Started,Ended,Last polled,Polls,State,Error codes,Errors,Message,Request,az command,Account',
    );
    expect(lines[1]).toMatch(/^op-failed,attach,failed,/);
    expect(lines[1]).toContain(',Contoso,');
    expect(lines[1]).toContain(",'+cmd,"); // the compute name that would be a formula
    expect(lines[1]).toContain(',AuthorizationFailed LinkedAuthorizationFailed,');
    expect(lines[1]).toContain(',2026-11-02T08:00:00.000Z,');
    expect(lines[1]).toContain(',az ml compute attach --name +cmd,');
  });

  it('writes every entry with its request and each poll as JSON', async () => {
    const { exports } = service({ kind: 'download' });
    const outcome = await exports.save({ kind: 'activity', format: 'json', filter: {} });
    if (outcome.outcome !== 'download') throw new Error('expected a download');
    const parsed = JSON.parse(outcome.content) as {
      operations: {
        operationId: string;
        errors: { code: string }[];
        request: { method: string; path: string; commands: { az: string } };
        polls: { status: string }[];
      }[];
    };
    expect(parsed.operations.map((op) => op.operationId)).toEqual(['op-failed', 'op-ok']);
    const ok = parsed.operations[1];
    expect(ok?.polls.map((poll) => poll.status)).toEqual(['InProgress', 'Succeeded']);
    expect(ok?.request.method).toBe('PUT');
    expect(ok?.request.path).toMatch(/\/computes\/op-ok\?api-version=/);
    expect(parsed.operations[0]?.errors.map((error) => error.code)).toEqual([
      'AuthorizationFailed',
      'LinkedAuthorizationFailed',
    ]);
  });
});

describe('export file names', () => {
  it('sort by time and hold no character a file system refuses', () => {
    expect(exportFileName('activity', 'csv', AT)).toBe('mooring-activity-2026-12-03T09-30-15Z.csv');
  });
});
