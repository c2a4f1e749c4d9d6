import { describe, expect, it } from 'vitest';
import { driftText } from '../../electron/inventory/row-index';
import { changeText, changesText } from '../../shared/inventory/drift-words';

const drift = (changes: unknown[]) => JSON.stringify({ at: '2026-01-02T00:00:00.000Z', changes });

describe('the words for a change made outside Mooring', () => {
  it('names the field and both values, or what appeared, came back or was removed', () => {
    expect(changeText({ field: 'identity', from: 'SystemAssigned', to: 'None' })).toBe(
      'identity SystemAssigned → None',
    );
    expect(changeText({ field: 'errors', from: null, to: 'ExtensionNotReady' })).toBe(
      'errors none → ExtensionNotReady',
    );
    expect(changeText({ field: 'appeared', from: null, to: 'Creating' })).toBe(
      'appeared (Creating)',
    );
    expect(changeText({ field: 'returned', from: null, to: null })).toBe('came back');
    expect(changeText({ field: 'removed', from: 'Succeeded', to: null })).toBe(
      'removed (was Succeeded)',
    );
    expect(changeText({ field: 'extensionVersion', from: '1.1.74', to: '1.1.80' })).toBe(
      'extension version 1.1.74 → 1.1.80',
    );
    expect(
      changesText([
        { field: 'state', from: 'Succeeded', to: 'Failed' },
        { field: 'namespace', from: 'a', to: 'b' },
      ]),
    ).toBe('state Succeeded → Failed; namespace a → b');
  });

  it('is what the inventory table’s row says of a compute', () => {
    expect(
      driftText(
        drift([
          { field: 'removed', from: 'Succeeded', to: null },
          { field: 'errors', from: 'BadRequest', to: null },
        ]),
        '2026-01-02T00:00:00.000Z',
      ),
    ).toBe('Changed outside Mooring: removed (was Succeeded), errors BadRequest → none');
    expect(driftText(drift([{ field: 'appeared', from: null, to: 'Creating' }]), null)).toBe(
      'Changed outside Mooring: appeared (Creating)',
    );
  });
});
