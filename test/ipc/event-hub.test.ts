import { describe, expect, it, vi } from 'vitest';
import { createEventHub } from '../../electron/ipc/handlers';
import type { PayloadOf } from '../../shared/ipc/contract';

describe('the event hub checks every payload against the contract before it is sent', () => {
  it('sends a payload the contract describes', () => {
    const hub = createEventHub();
    const received: unknown[] = [];
    hub.subscribe((name, payload) => received.push([name, payload]));
    hub.emit('settings.changed', { theme: 'dark' });
    expect(received).toEqual([['settings.changed', { theme: 'dark' }]]);
  });

  it('sends nothing of a payload outside the contract, and reports it', () => {
    const onInvalidPayload = vi.fn();
    const hub = createEventHub({ onInvalidPayload });
    const listener = vi.fn();
    hub.subscribe(listener);
    hub.emit('settings.changed', { theme: 'purple' } as unknown as PayloadOf<'settings.changed'>);
    expect(listener).not.toHaveBeenCalled();
    expect(onInvalidPayload).toHaveBeenCalledWith('settings.changed', expect.anything());
  });

  it('strips what the contract does not describe, so an extra field never reaches the window', () => {
    const hub = createEventHub();
    const received: unknown[] = [];
    hub.subscribe((_name, payload) => received.push(payload));
    hub.emit('settings.changed', {
      theme: 'light',
      token: 'secret',
    } as unknown as PayloadOf<'settings.changed'>);
    expect(received).toEqual([{ theme: 'light' }]);
  });

  it('fails loudly by default, so a test emitting a wrong payload sees it', () => {
    const hub = createEventHub();
    expect(() =>
      hub.emit('accounts.changed', [{}] as unknown as PayloadOf<'accounts.changed'>),
    ).toThrow(/accounts\.changed event payload is outside the contract/);
  });
});
