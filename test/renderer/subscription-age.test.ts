// Renderer logic, tested in plain Node (see scope-model.test.ts for why it lives here).
import { describe, expect, it } from 'vitest';
import { NO_FILTER, groupInventory } from '../../renderer/src/inventory/inventory-model';
import { PRODUCTION, RESEARCH, snapshotOf, workspace } from './inventory-fixtures';

describe('each subscription heading', () => {
  it('carries when that subscription was last listed, and nothing when the record does not say', () => {
    const snapshot = snapshotOf(
      [workspace('mlw-prod'), workspace('mlw-research', { subscriptionId: RESEARCH })],
      [],
      {
        listed: [
          { subscriptionId: PRODUCTION.toUpperCase(), listedAt: '2026-11-25T09:00:00.000Z' },
        ],
      },
    );

    const groups = groupInventory(snapshot, NO_FILTER);

    expect(groups.find((g) => g.subscriptionId === PRODUCTION)?.listedAt).toBe(
      '2026-11-25T09:00:00.000Z',
    );
    expect(groups.find((g) => g.subscriptionId === RESEARCH)).not.toHaveProperty('listedAt');
  });
});
