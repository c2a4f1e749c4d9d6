import type { Database } from 'better-sqlite3';
import type { OperationKind } from '../../shared/domain/operations';
import { createJournalStore } from '../../electron/operations/journal-store';
import type { JournalStore } from '../../electron/operations/journal-store';
import { scratchDatabase } from '../support/scratch-database';

export const TENANT_CONTOSO = 'bd79c068-555e-57b3-b248-2d47f661607e';
export const TENANT_FABRIKAM = '0c5e3f7a-1d2b-4c3d-8e9f-a0b1c2d3e4f5';
export const SUB_PROD = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
export const SUB_RESEARCH = '4a6a65ca-1384-5662-9425-06767a84562c';

export const workspaceIdOf = (subscriptionId: string, name: string, resourceGroup = 'RG-ML') =>
  `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${name}`;

export interface JournalEntry {
  readonly id: string;
  readonly kind?: OperationKind;
  readonly tenantId?: string;
  readonly subscriptionId?: string;
  readonly workspace?: string;
  readonly resourceGroup?: string;
  readonly compute?: string;
  readonly createdAt: string;
  /** Ends the entry: succeeded, or failed with these error codes. */
  readonly outcome?: 'succeeded' | { failed: readonly string[] };
  readonly polls?: number;
}

/** Records one entry the way the operations service does: inserted, polled, then ended. */
export function recordJournalEntry(journal: JournalStore, entry: JournalEntry): void {
  const subscriptionId = entry.subscriptionId ?? SUB_PROD;
  const workspaceName = entry.workspace ?? 'mlw-train';
  const workspaceId = workspaceIdOf(subscriptionId, workspaceName, entry.resourceGroup);
  const computeName = entry.compute ?? entry.id;
  const computeId = `${workspaceId}/computes/${computeName}`;
  journal.insert({
    operationId: entry.id,
    kind: entry.kind ?? 'attach',
    accountId: 'admin@contoso.com',
    tenantId: entry.tenantId ?? TENANT_CONTOSO,
    subscriptionId,
    computeId,
    computeName,
    workspaceId,
    workspaceName,
    clusterId: null,
    method: entry.kind === 'detach' ? 'DELETE' : 'PUT',
    url: `https://management.azure.com${computeId}?api-version=2025-09-01`,
    body: entry.kind === 'detach' ? null : '{"location":"westeurope"}',
    commands: {
      az: `az ml compute attach --name ${computeName}`,
      azRest: `az rest --method put --url ${computeId}`,
    },
    summary: `Attach to ${workspaceName} as ${computeName}`,
    resume: {},
    createdAt: entry.createdAt,
  });
  for (let poll = 1; poll <= (entry.polls ?? 0); poll += 1) {
    journal.recordPoll(entry.id, {
      at: new Date(Date.parse(entry.createdAt) + poll * 1000).toISOString(),
      httpStatus: 200,
      status: poll === entry.polls ? 'Succeeded' : 'InProgress',
      retryAfterSeconds: 5,
      note: null,
    });
  }
  if (entry.outcome) {
    const failedCodes = entry.outcome === 'succeeded' ? [] : entry.outcome.failed;
    journal.finish(entry.id, {
      status: entry.outcome === 'succeeded' ? 'succeeded' : 'failed',
      at: new Date(Date.parse(entry.createdAt) + 60_000).toISOString(),
      errors: failedCodes.map((code) => ({ code, message: `Azure said ${code}.` })),
      message: entry.outcome === 'succeeded' ? 'Attached.' : 'The attach failed.',
      state: entry.outcome === 'succeeded' ? 'Succeeded' : 'Failed',
    });
  }
}

/** A journal in a fresh database of its own, filled the way the operations service fills it. */
export function openJournal(): {
  db: Database;
  journal: JournalStore;
  record: (entry: JournalEntry) => void;
  close: () => void;
} {
  const { db, close } = scratchDatabase('activity');
  const journal = createJournalStore(db);
  const record = (entry: JournalEntry) => recordJournalEntry(journal, entry);
  return { db, journal, record, close };
}
