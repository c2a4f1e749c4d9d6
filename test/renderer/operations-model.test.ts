// The operations tray's view model, in plain Node: merging pushed changes, grouping running and
// recently ended operations, durations, and when a desktop notification is due.
import { describe, expect, it } from 'vitest';
import {
  MAX_RECENT_IN_TRAY,
  formatDuration,
  groupForTray,
  mergeList,
  mergeOperation,
  notificationFor,
} from '../../renderer/src/operations/operations-model';
import { orderFindings, preflightSummary } from '../../renderer/src/attach/preflight-model';
import { RESEARCH, workspace } from './inventory-fixtures';
import { operation, report } from './operations-fixtures';

const fraud = workspace('ws-fraud');
const lab = workspace('ws-lab', { subscriptionId: RESEARCH });
const NOW = Date.parse('2026-11-25T12:00:00.000Z');

describe('the operations list as events arrive', () => {
  it('adds a new operation newest first and replaces a known one', () => {
    const older = operation(fraud, 'k8s-a', { createdAt: '2026-11-25T09:00:00.000Z' });
    const newer = operation(lab, 'k8s-b', { createdAt: '2026-11-25T10:00:00.000Z' });
    const list = mergeOperation([older], newer);
    expect(list.map((entry) => entry.operationId)).toEqual([newer.operationId, older.operationId]);
    const polled = { ...older, pollCount: 3, provisioningState: 'Creating' };
    expect(mergeOperation(list, polled)[1]).toBe(polled);
  });

  it('drops a late event that would bring an ended operation back to running', () => {
    const running = operation(fraud, 'k8s-a', { pollCount: 4 });
    const ended = { ...running, status: 'failed' as const, pollCount: 5 };
    const list = mergeOperation([running], ended);
    expect(mergeOperation(list, running)[0]?.status).toBe('failed');
    expect(mergeOperation(list, { ...ended, pollCount: 2 })[0]).toBe(ended);
  });

  it('keeps pushed progress newer than a list answer that crossed it', () => {
    const answered = operation(fraud, 'k8s-a', { pollCount: 1 });
    const pushed = { ...answered, pollCount: 6 };
    expect(mergeList([pushed], [answered])[0]?.pollCount).toBe(6);
  });
});

describe('the tray', () => {
  it('lists every running operation across tenants, then what ended in the last day', () => {
    const running = [
      operation(fraud, 'k8s-a'),
      operation(lab, 'k8s-b', { tenantId: '9c5a4304-2bef-52f6-b840-53cdc67f42de' }),
    ];
    const failed = operation(fraud, 'k8s-c', {
      status: 'failed',
      endedAt: '2026-11-25T11:00:00.000Z',
    });
    const succeeded = operation(fraud, 'k8s-d', {
      status: 'succeeded',
      endedAt: '2026-11-25T11:30:00.000Z',
    });
    const old = operation(fraud, 'k8s-e', {
      status: 'succeeded',
      endedAt: '2026-11-23T11:30:00.000Z',
    });
    const groups = groupForTray([...running, failed, succeeded, old], NOW);
    expect(groups.running.map((entry) => entry.computeName).sort()).toEqual(['k8s-a', 'k8s-b']);
    expect(groups.recent.map((entry) => entry.computeName)).toEqual(['k8s-d', 'k8s-c']);
    expect(groups.recentFailures).toBe(1);
  });

  it('shows at most a handful of ended operations', () => {
    const ended = Array.from({ length: MAX_RECENT_IN_TRAY + 5 }, (_, index) =>
      operation(fraud, `k8s-${index}`, {
        status: 'succeeded',
        endedAt: new Date(NOW - index * 60_000).toISOString(),
      }),
    );
    expect(groupForTray(ended, NOW).recent).toHaveLength(MAX_RECENT_IN_TRAY);
  });

  it('says durations as an admin reads them', () => {
    expect(formatDuration(42_400)).toBe('42 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });
});

describe('desktop notifications', () => {
  const running = operation(fraud, 'k8s-a', { startedAt: '2026-11-25T10:00:00.000Z' });
  const failed = {
    ...running,
    status: 'failed' as const,
    endedAt: '2026-11-25T10:45:00.000Z',
    errors: [{ code: 'ExtensionNotHealthy', message: 'The azureml extension is not healthy.' }],
  };

  it('notifies when a long operation ends while the window is hidden, with its first error', () => {
    expect(notificationFor(running, failed, true)).toEqual({
      title: 'Attach failed: k8s-a',
      body: 'ExtensionNotHealthy: The azureml extension is not healthy.',
    });
  });

  it('stays quiet in front, for short operations, and for operations it did not see running', () => {
    expect(notificationFor(running, failed, false)).toBeNull();
    const quick = { ...failed, endedAt: '2026-11-25T10:00:05.000Z' };
    expect(notificationFor(running, quick, true)).toBeNull();
    expect(notificationFor(undefined, failed, true)).toBeNull();
    expect(notificationFor(failed, failed, true)).toBeNull();
  });
});

describe('the preflight as the review shows it', () => {
  it('lists failures first, then warnings, then what could not be checked', () => {
    const findings = orderFindings(report(['passed', 'not-checked', 'failed', 'warning']).findings);
    expect(findings.map((finding) => finding.outcome)).toEqual([
      'failed',
      'warning',
      'not-checked',
      'passed',
    ]);
  });

  it('sums up every report of a bulk attach', () => {
    expect(
      preflightSummary([report(['passed', 'failed']), report(['not-checked', 'passed'])]),
    ).toBe('1 failed, 1 not checked, 2 passed');
  });
});
