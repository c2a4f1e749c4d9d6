import type { OperationDetail } from '../../shared/domain/operations';
import { operationView } from './journal-store';
import type { JournalStore } from './journal-store';

/** One journal entry with its request (path and pretty body), every poll and its commands. */
export function readOperationDetail(
  journal: Pick<JournalStore, 'read' | 'polls'>,
  operationId: string,
): OperationDetail {
  const row = journal.read(operationId);
  // Role grants and removals keep a path only (their host is the roles service's connection).
  const url = new URL(row.url, 'https://management.invalid');
  return {
    operation: operationView(row),
    request: {
      method: row.method,
      path: `${url.pathname}${url.search}`,
      body: row.body === null ? null : JSON.stringify(JSON.parse(row.body) as unknown, null, 2),
      commands: row.commands,
    },
    polls: journal.polls(operationId),
  };
}
