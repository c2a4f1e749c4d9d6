import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StateTimeline } from '../../renderer/src/compute/StateTimeline';
import { ComputeRow } from '../../renderer/src/inventory/ComputeRow';
import { changeText, driftText } from '../../renderer/src/inventory/drift-text';
import { compute, workspace } from './inventory-fixtures';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const TWO_HOURS_AGO = '2026-11-25T10:00:00.000Z';

describe('what changed outside Mooring, in words', () => {
  it('says each kind of change with its values', () => {
    expect(changeText({ field: 'identity', from: 'SystemAssigned', to: 'None' })).toBe(
      'identity SystemAssigned → None',
    );
    expect(changeText({ field: 'errors', from: null, to: 'ExtensionNotReady' })).toBe(
      'errors none → ExtensionNotReady',
    );
    expect(changeText({ field: 'appeared', from: null, to: 'Creating' })).toBe(
      'appeared (Creating)',
    );
    expect(changeText({ field: 'returned', from: null, to: 'Succeeded' })).toBe(
      'came back (Succeeded)',
    );
    expect(changeText({ field: 'extensionVersion', from: '1.1.74', to: '1.1.80' })).toBe(
      'extension version 1.1.74 → 1.1.80',
    );
  });

  it('notes the last drift with its age, and leaves a removal to the removed note', () => {
    expect(
      driftText(
        {
          at: TWO_HOURS_AGO,
          changes: [{ field: 'identity', from: 'SystemAssigned', to: 'None' }],
        },
        NOW,
      ),
    ).toBe('Changed outside Mooring: identity SystemAssigned → None, 2 hours ago');
    expect(
      driftText(
        { at: TWO_HOURS_AGO, changes: [{ field: 'removed', from: 'Succeeded', to: null }] },
        NOW,
      ),
    ).toBeNull();
    expect(driftText(null, NOW)).toBeNull();
  });
});

describe('a compute row', () => {
  const ws = workspace('mlw');
  const render = (overrides: Parameters<typeof compute>[2]) =>
    renderToStaticMarkup(
      createElement(ComputeRow, {
        compute: compute(ws, 'gpu', overrides),
        highlighted: false,
        now: NOW,
      }),
    );

  it('shows what changed outside Mooring and when', () => {
    const markup = render({
      drift: {
        at: TWO_HOURS_AGO,
        changes: [{ field: 'namespace', from: 'default', to: 'azureml' }],
      },
    });
    expect(markup).toContain('data-testid="compute-drift"');
    expect(markup).toContain('Changed outside Mooring: namespace default → azureml, 2 hours ago');
    expect(render({}).includes('compute-drift')).toBe(false);
  });

  it('badges a removed compute Removed, not its last state', () => {
    const markup = render({ removedAt: TWO_HOURS_AGO });
    expect(markup).toMatch(/data-testid="compute-state"[^>]*>Removed</);
    expect(markup).toContain('title="Last seen Succeeded"');
  });
});

describe("a compute's state timeline", () => {
  it('lists each change made outside Mooring and marks it on the bar', () => {
    const markup = renderToStaticMarkup(
      createElement(StateTimeline, {
        history: [
          { state: 'Succeeded', observedAt: TWO_HOURS_AGO, source: 'refresh', operationId: null },
          {
            state: 'Succeeded',
            observedAt: '2026-11-25T11:00:00.000Z',
            source: 'refresh',
            operationId: null,
            changes: [{ field: 'identity', from: 'SystemAssigned', to: 'None' }],
          },
        ],
      }),
    );
    expect(markup).toContain('data-testid="state-timeline-drift-mark"');
    expect(markup).toMatch(
      /data-testid="state-timeline-drift"[^>]*>.*Changed outside Mooring: identity SystemAssigned → None, /,
    );
  });
});
