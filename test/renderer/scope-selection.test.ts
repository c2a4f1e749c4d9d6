// Renderer logic, tested in plain Node (see scope-model.test.ts for why it lives here).
import { describe, expect, it } from 'vitest';
import { selectionKey } from '../../renderer/src/scope/scope-model';
import { subscription } from './fixtures';

describe('the selection the inventory follows', () => {
  const a = subscription({ selected: true });
  const b = subscription({ selected: true });

  it('is the same whatever order the subscriptions arrive in', () => {
    expect(selectionKey([a, b])).toBe(selectionKey([b, a]));
  });

  it('changes when a subscription is selected, cleared or hidden, and not for a favourite', () => {
    const before = selectionKey([a, b]);
    expect(selectionKey([a, { ...b, selected: false }])).not.toBe(before);
    expect(selectionKey([a, { ...b, hidden: true }])).not.toBe(before);
    expect(selectionKey([a, { ...b, favourite: true }])).toBe(before);
  });
});
